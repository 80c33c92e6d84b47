using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// The one theme of every Basin figure: sizes proportional to the panel (<see cref="Unit"/> = min(w, h) / 500, so a
/// panel inside a <see cref="Figure"/> looks like a small full plot), dark-grey ink on white, light grid lines,
/// DejaVu Sans throughout (<see cref="BasinFont"/>). Series colours are Okabe–Ito (<see cref="Palette.Category"/>),
/// sequential data viridis (<see cref="ColorMap.Viridis"/>): both stay distinguishable to colour-blind readers.
/// </summary>
internal sealed class Theme
{
    /// <summary>Text colour.</summary>
    public static readonly Rgba32 Ink = new(34, 34, 34);

    /// <summary>Frame, tick and outline colour.</summary>
    public static readonly Rgba32 Frame = new(90, 90, 90);

    /// <summary>Major grid line colour.</summary>
    public static readonly Rgba32 Grid = new(228, 228, 228);

    private Theme(double unit) => Unit = unit;

    /// <summary>Scale factor: 1 for a 500-pixel panel.</summary>
    public double Unit { get; }

    /// <summary>Title size in pixels.</summary>
    public float TitleFont => (float)(18 * Unit);

    /// <summary>Axis label size in pixels.</summary>
    public float LabelFont => (float)(14 * Unit);

    /// <summary>Tick label and legend size in pixels.</summary>
    public float TickFont => (float)(12 * Unit);

    /// <summary>Cell annotation and caption size in pixels.</summary>
    public float SmallFont => (float)(10.5 * Unit);

    /// <summary>Default line width in pixels.</summary>
    public float LineWidth => (float)(2 * Unit);

    /// <summary>Default marker size in pixels.</summary>
    public float MarkerSize => (float)(7 * Unit);

    /// <summary>Padding between blocks in pixels.</summary>
    public float Pad => (float)(8 * Unit);

    /// <summary>The theme for a panel of the given size.</summary>
    public static Theme For(SKRect area) => new(Math.Clamp(Math.Min(area.Width, area.Height) / 500.0, 0.45, 4));

    /// <summary>The same theme with every size multiplied by <paramref name="factor"/>.</summary>
    public Theme Scaled(double factor) => new(Unit * factor);

    /// <summary>A ScottPlot colour from a Basin colour.</summary>
    public static ScottPlot.Color Color(Rgba32 c) => new(c.R, c.G, c.B, c.A);

    /// <summary>A SkiaSharp colour from a Basin colour.</summary>
    public static SKColor Sk(Rgba32 c) => new(c.R, c.G, c.B, c.A);

    /// <summary>Applies the theme to a ScottPlot plot: fonts, sizes, colours, frame, grid.</summary>
    public void ApplyTo(ScottPlot.Plot plot, Rgba32 background)
    {
        plot.Font.Set(BasinFont.Name);
        plot.FigureBackground.Color = Color(background);
        plot.DataBackground.Color = ScottPlot.Colors.White;
        plot.Axes.Color(Color(Frame));
        plot.Axes.FrameWidth((float)Math.Max(1, Unit));
        foreach (ScottPlot.IAxis axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickFont;
            axis.TickLabelStyle.ForeColor = Color(Ink);
            axis.Label.FontSize = LabelFont;
            axis.Label.ForeColor = Color(Ink);
            axis.Label.Bold = false;
            axis.MajorTickStyle.Length = (float)(5 * Unit);
            axis.MinorTickStyle.Length = (float)(2.5 * Unit);
            axis.MajorTickStyle.Width = (float)Math.Max(1, Unit);
        }

        plot.Grid.MajorLineColor = Color(Grid);
        plot.Grid.MajorLineWidth = (float)Math.Max(1, Math.Round(Unit));
        // Grid lines without anti-aliasing: every line one crisp pixel column or row, none blurred over two.
        plot.Grid.XAxisStyle.MajorLineStyle.AntiAlias = false;
        plot.Grid.YAxisStyle.MajorLineStyle.AntiAlias = false;
        plot.Grid.MinorLineWidth = 0;
        plot.Legend.FontSize = TickFont;
        plot.Legend.FontName = BasinFont.Name;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.FontColor = Color(Ink);
        plot.Legend.OutlineColor = Color(Frame).WithAlpha(120);
        plot.Legend.BackgroundColor = ScottPlot.Colors.White.WithAlpha(230);
        plot.Legend.ShadowColor = ScottPlot.Colors.Transparent;
        plot.Legend.SymbolWidth = (float)(22 * Unit);
        plot.Legend.SymbolHeight = (float)(10 * Unit);
    }
}
