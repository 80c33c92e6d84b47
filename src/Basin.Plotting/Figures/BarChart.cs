namespace Basin.Plotting;

/// <summary>
/// Grouped bars: for each category, one bar per series side by side (e.g. accuracy of several models per noise
/// level, or the cipher against AES per test). Bars start at zero (at the axis bottom when log-y); non-finite values are skipped.
/// </summary>
public sealed class BarChart : CartesianPlot
{
    private readonly List<BarSeries> _series = [];

    /// <summary>Creates a chart with the given category labels (x axis).</summary>
    /// <exception cref="ArgumentException">A category is null.</exception>
    public BarChart(params string[] categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Any(c => c is null))
        {
            throw new ArgumentException("Category labels must not be null.", nameof(categories));
        }

        Categories = [.. categories];
    }

    /// <summary>The category labels.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The series in drawing order.</summary>
    public IReadOnlyList<BarSeries> Series => _series;

    private protected override bool YIncludesZero => true;

    /// <summary>Adds a series with one value per category and optional error bars.</summary>
    /// <exception cref="ArgumentException">The number of values (or errors) differs from the number of categories.</exception>
    public BarSeries Add(string name, ReadOnlySpan<double> values, ReadOnlySpan<double> errors = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (values.Length != Categories.Count)
        {
            throw new ArgumentException($"Series '{name}' has {values.Length} values for {Categories.Count} categories.", nameof(values));
        }

        if (!errors.IsEmpty && errors.Length != values.Length)
        {
            throw new ArgumentException($"Series '{name}' has {errors.Length} errors for {values.Length} values.", nameof(errors));
        }

        var series = new BarSeries(name, values.ToArray(), errors.IsEmpty ? null : errors.ToArray());
        _series.Add(series);
        return series;
    }

    /// <inheritdoc />
    public override CsvTable ToCsv()
    {
        var table = new CsvTable("series", "category", "value", "error");
        foreach (BarSeries s in _series)
        {
            for (int i = 0; i < Categories.Count; i++)
            {
                table.AddRow(s.Name, Categories[i], s.Values[i], s.Errors is null ? null : s.Errors[i]);
            }
        }

        return table;
    }

    private protected override Axis MakeXAxis(int maxTicks)
    {
        int n = Categories.Count;
        int stride = Math.Max(1, (int)Math.Ceiling((double)n / Math.Max(maxTicks, 1)));
        var ticks = Enumerable.Range(0, n).Where(i => i % stride == 0).Select(i => ((double)i, Categories[i])).ToArray();
        return Axis.Custom(-0.5, Math.Max(n, 1) - 0.5, ticks);
    }

    private protected override (double Min, double Max) YDataRange() =>
        Range(_series.SelectMany(s => s.Errors is null
            ? new[] { (double[])s.Values }
            : [s.Values.Zip(s.Errors, (v, e) => v + Math.Abs(e)).ToArray(), s.Values.Zip(s.Errors, (v, e) => v - Math.Abs(e)).ToArray()]), LogY);

    private protected override IReadOnlyList<LegendEntry> LegendEntries(PlotStyle style) =>
        _series.Select((s, i) => (s, i)).Where(p => p.s.Name.Length > 0)
            .Select(p => new LegendEntry(p.s.Name, p.s.Color ?? Palette.Category(p.i), 0, MarkerShape.None, true)).ToList();

    private protected override void DrawData(IRenderTarget target, RectD plot, Axis x, Axis y, PlotStyle style, List<PointD> drawn)
    {
        int m = Math.Max(_series.Count, 1);
        double group = 0.8, width = group / m;
        double baseline = y.IsLog ? plot.Bottom : y.MapClamped(0);
        for (int si = 0; si < _series.Count; si++)
        {
            BarSeries s = _series[si];
            Rgba32 color = s.Color ?? Palette.Category(si);
            for (int i = 0; i < Categories.Count; i++)
            {
                double v = s.Values[i];
                if (!y.Accepts(v))
                {
                    continue;
                }

                double left = i - (group / 2) + (si * width);
                double x0 = x.Map(left), x1 = x.Map(left + width);
                double top = y.MapClamped(v);
                target.FillRect(new RectD(x0, Math.Min(top, baseline), Math.Max(1, (x1 - x0) * 0.92), Math.Abs(baseline - top)), color);
                drawn.Add(new PointD((x0 + x1) / 2, top));
                drawn.Add(new PointD((x0 + x1) / 2, (top + baseline) / 2));
                if (s.Errors is not null && double.IsFinite(s.Errors[i]))
                {
                    double e = Math.Abs(s.Errors[i]), cx = (x0 + x1) / 2, cap = (x1 - x0) * 0.25;
                    double lo = y.MapClamped(v - e), hi = y.MapClamped(v + e);
                    target.Line(cx, lo, cx, hi, PlotStyle.Ink, style.FrameWidth);
                    target.Line(cx - cap, lo, cx + cap, lo, PlotStyle.Ink, style.FrameWidth);
                    target.Line(cx - cap, hi, cx + cap, hi, PlotStyle.Ink, style.FrameWidth);
                }
            }
        }
    }
}
