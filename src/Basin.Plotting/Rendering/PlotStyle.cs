namespace Basin.Plotting;

/// <summary>
/// Sizes for one plot panel, proportional to the panel's smaller side (unit u = min(w, h) / 500, clamped), so a
/// panel in a figure grid and a full-size plot look alike.
/// </summary>
internal sealed class PlotStyle
{
    private PlotStyle(double unit)
    {
        Unit = unit;
    }

    public double Unit { get; }

    public double TickFont => 12 * Unit;

    public double LabelFont => 13 * Unit;

    public double TitleFont => 17 * Unit;

    public double SmallFont => 10.5 * Unit;

    public double Pad => 10 * Unit;

    public double TickLength => 5 * Unit;

    public double LineWidth => 1.8 * Unit;

    public double FrameWidth => Math.Max(1, Unit);

    public double GridWidth => Math.Max(1, 0.8 * Unit);

    public double MarkerSize => 6.5 * Unit;

    public static Rgba32 Ink => new(34, 34, 34);

    public static Rgba32 Grid => new(228, 228, 228);

    public static Rgba32 Frame => new(60, 60, 60);

    public static PlotStyle For(RectD area) => new(Math.Clamp(Math.Min(area.Width, area.Height) / 500, 0.5, 4));
}
