using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// Base of plots drawn in a frame with an x and a y axis (line, scatter, histogram, bar chart): axis labels,
/// log-y, y limits, grid and legend. The axes, ticks, grid, legend and data are drawn by ScottPlot 5 under
/// Basin's theme; the title is Basin's, fitted to the panel's width.
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

    private protected AxisScale YScale => new(LogY);

    private protected virtual AxisScale XScale => new(false);

    /// <summary>Fraction of the x data range added on each side (markers stay inside the frame).</summary>
    private protected virtual double XMargin => 0;

    /// <summary>Whether the automatic y range reaches zero (bars and histograms start there).</summary>
    private protected virtual bool YIncludesZero => false;

    /// <summary>Adds the data as ScottPlot plottables (coordinates already mapped by <see cref="XScale"/> and <see cref="YScale"/>).</summary>
    private protected abstract void AddData(ScottPlot.Plot plot, Theme theme);

    /// <summary>Where the data lie, in plot coordinates (the automatic legend avoids them).</summary>
    private protected abstract IEnumerable<(double X, double Y)> Footprint();

    /// <summary>Fixes the x limits after autoscaling (explicit limits, categories).</summary>
    private protected virtual void LimitX(ScottPlot.Plot plot)
    {
    }

    private protected override void Render(SKCanvas canvas, SKRect area, Theme theme)
    {
        float top = TextFit.TitleHeight(area, Title, theme);
        var rest = new SKRect(area.Left, area.Top + top, area.Right, area.Bottom);
        if (rest.Height < 4 || rest.Width < 4)
        {
            return;
        }

        using var plot = new ScottPlot.Plot();
        AddData(plot, theme);
        theme.ApplyTo(plot, Background);
        if (!string.IsNullOrEmpty(XLabel))
        {
            plot.XLabel(XLabel, TextFit.Shrink(XLabel, theme.LabelFont, rest.Width * 0.85f));
        }

        if (!string.IsNullOrEmpty(YLabel))
        {
            plot.YLabel(YLabel, TextFit.Shrink(YLabel, theme.LabelFont, rest.Height * 0.85f));
        }

        XScale.Configure(plot.Axes.Bottom);
        YScale.Configure(plot.Axes.Left);
        if (!ShowGrid)
        {
            plot.HideGrid();
        }

        plot.Axes.Margins(XMargin, 0.05);
        plot.Axes.AutoScale();
        LimitY(plot);
        LimitX(plot);
        PlaceLegend(plot, theme);
        ScottPlotRender.Draw(plot, canvas, rest);
        TextFit.DrawTitle(canvas, area, Title, theme);
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

    private void LimitY(ScottPlot.Plot plot)
    {
        ScottPlot.AxisLimits limits = plot.Axes.GetLimits(), data = plot.Axes.GetDataLimits();
        (double lo, double hi) = YScale.Snap(data.Bottom, data.Top, limits.Bottom, limits.Top, 0.02);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || !plot.GetPlottables().Any())
        {
            (lo, hi) = LogY ? (0, 1) : (0, 1);
        }

        if (YIncludesZero && !LogY)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
            if (lo == 0 && hi > 0)
            {
                lo = 0;
            }
        }

        if (YMin is double ymin && YScale.Accepts(ymin))
        {
            lo = YScale.Map(ymin);
        }

        if (YMax is double ymax && YScale.Accepts(ymax))
        {
            hi = YScale.Map(ymax);
        }

        if (hi <= lo)
        {
            (lo, hi) = (lo - 0.5, lo + 0.5);
        }

        plot.Axes.SetLimitsY(lo, hi);
    }

    private void PlaceLegend(ScottPlot.Plot plot, Theme theme)
    {
        bool named = plot.GetPlottables().SelectMany(p => p.LegendItems).Any(i => !string.IsNullOrEmpty(i.LabelText));
        if (!named || Legend == LegendPosition.None)
        {
            plot.HideLegend();
            return;
        }

        if (Legend == LegendPosition.Outside)
        {
            plot.ShowLegend(ScottPlot.Edge.Right);
            return;
        }

        ScottPlot.Alignment alignment = Legend switch
        {
            LegendPosition.TopLeft => ScottPlot.Alignment.UpperLeft,
            LegendPosition.BottomRight => ScottPlot.Alignment.LowerRight,
            LegendPosition.BottomLeft => ScottPlot.Alignment.LowerLeft,
            LegendPosition.TopRight => ScottPlot.Alignment.UpperRight,
            _ => EmptiestCorner(plot.Axes.GetLimits()),
        };
        plot.ShowLegend(alignment);
        plot.Legend.Margin = new ScottPlot.PixelPadding(theme.Pad);
    }

    /// <summary>The corner (a third of each axis) holding the fewest data points; ties go top-right, top-left, bottom-right, bottom-left.</summary>
    private ScottPlot.Alignment EmptiestCorner(ScottPlot.AxisLimits limits)
    {
        double w = limits.Right - limits.Left, h = limits.Top - limits.Bottom;
        var counts = new int[4];
        foreach ((double x, double y) in Footprint())
        {
            double fx = (x - limits.Left) / w, fy = (y - limits.Bottom) / h;
            bool right = fx >= 0.6, left = fx <= 0.4, upper = fy >= 0.6, lower = fy <= 0.4;
            if (upper && right) counts[0]++;
            if (upper && left) counts[1]++;
            if (lower && right) counts[2]++;
            if (lower && left) counts[3]++;
        }

        int best = Array.IndexOf(counts, counts.Min());
        return best switch
        {
            0 => ScottPlot.Alignment.UpperRight,
            1 => ScottPlot.Alignment.UpperLeft,
            2 => ScottPlot.Alignment.LowerRight,
            _ => ScottPlot.Alignment.LowerLeft,
        };
    }
}
