namespace Basin.Plotting;

/// <summary>
/// Base of plots drawn in a frame with an x and a y axis (line, scatter, histogram, bar chart): axis labels,
/// log-y, y limits, grid and legend. Layout and decorations are shared with the other panels via the axes frame.
/// </summary>
public abstract class CartesianPlot : Plot
{
    private protected CartesianPlot()
    {
    }

    /// <summary>Label under the x axis.</summary>
    public string? XLabel { get; set; }

    /// <summary>Label left of the y axis (drawn rotated).</summary>
    public string? YLabel { get; set; }

    /// <summary>Whether the y axis is logarithmic (base 10); values ≤ 0 are then skipped.</summary>
    public bool LogY { get; set; }

    /// <summary>Fixed lower y limit (automatic when null).</summary>
    public double? YMin { get; set; }

    /// <summary>Fixed upper y limit (automatic when null).</summary>
    public double? YMax { get; set; }

    /// <summary>Legend placement (by default the emptiest corner; shown only when a series has a name).</summary>
    public LegendPosition Legend { get; set; } = LegendPosition.Auto;

    /// <summary>Whether light grid lines are drawn at the major ticks.</summary>
    public bool ShowGrid { get; set; } = true;

    private protected virtual double YPad => 0.04;

    private protected virtual bool YIncludesZero => false;

    private protected abstract Axis MakeXAxis(int maxTicks);

    private protected abstract (double Min, double Max) YDataRange();

    private protected abstract void DrawData(IRenderTarget target, RectD plot, Axis x, Axis y, PlotStyle style, List<PointD> drawn);

    private protected abstract IReadOnlyList<LegendEntry> LegendEntries(PlotStyle style);

    private protected override void Render(IRenderTarget target, RectD area, PlotStyle style)
    {
        (double yLo, double yHi) = YDataRange();
        (RectD plot, Axis x, Axis y) = AxesFrame.Layout(target, area, style, Title, XLabel, YLabel, 0, MakeXAxis,
            maxTicks => Axis.Numeric(yLo, yHi, LogY, YMin, YMax, YPad, YIncludesZero, maxTicks));
        target.FillRect(plot, Rgba32.White);
        if (ShowGrid)
        {
            AxesFrame.DrawGrid(target, plot, x, y, style);
        }

        var drawn = new List<PointD>();
        target.PushClip(plot);
        DrawData(target, plot, x, y, style, drawn);
        target.PopClip();
        AxesFrame.DrawDecorations(target, area, plot, x, y, style, Title, XLabel, YLabel);
        global::Basin.Plotting.Legend.Draw(target, plot, LegendEntries(style), Legend, style, drawn);
    }

    /// <summary>Minimum and maximum of the values that an axis can show (finite; positive when log), NaN if none.</summary>
    private protected static (double Min, double Max) Range(IEnumerable<double[]> arrays, bool positiveOnly)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double[] a in arrays)
        {
            foreach (double v in a)
            {
                if (double.IsFinite(v) && (!positiveOnly || v > 0))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        return min <= max ? (min, max) : (double.NaN, double.NaN);
    }
}
