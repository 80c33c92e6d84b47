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

    private protected override void AddData(ScottPlot.Plot plot, Theme theme)
    {
        double floor = LogFloor();
        foreach ((BarSeries s, int si) in _series.Select((s, i) => (s, i)))
        {
            ScottPlot.Color color = Theme.Color(s.Color ?? Palette.Category(si));
            var bars = new List<ScottPlot.Bar>();
            for (int i = 0; i < Categories.Count; i++)
            {
                double v = YScale.Map(s.Values[i]);
                if (double.IsNaN(v))
                {
                    continue;
                }

                var bar = new ScottPlot.Bar
                {
                    Position = Center(i, si), Size = BarWidth * 0.92, Value = v, ValueBase = LogY ? floor : 0, FillColor = color, LineColor = color.Darken(0.4),
                    LineWidth = (float)Math.Max(1, theme.Unit * 1.2), ErrorSize = 0.3,
                };
                if (s.Errors is not null && double.IsFinite(s.Errors[i]))
                {
                    double e = Math.Abs(s.Errors[i]);
                    bar.Error = LogY ? Math.Max(0, YScale.Map(s.Values[i] + e) - v) : e;
                    bar.ErrorNegative = !LogY;
                }

                bars.Add(bar);
            }

            ScottPlot.Plottables.BarPlot added = plot.Add.Bars(bars);
            added.LegendText = s.Name;
            added.Color = color;
        }
    }

    private protected override IEnumerable<(double X, double Y)> Footprint()
    {
        foreach ((BarSeries s, int si) in _series.Select((s, i) => (s, i)))
        {
            for (int i = 0; i < Categories.Count; i++)
            {
                double v = YScale.Map(s.Values[i]);
                if (!double.IsNaN(v))
                {
                    yield return (Center(i, si), v);
                    yield return (Center(i, si), v / 2);
                }
            }
        }
    }

    private protected override void LimitX(ScottPlot.Plot plot)
    {
        int n = Math.Max(Categories.Count, 1);
        plot.Axes.SetLimitsX(-0.5, n - 0.5);
        float widest = Categories.Select(c => BasinFont.Measure(c, plot.Axes.Bottom.TickLabelStyle.FontSize)).DefaultIfEmpty(0).Max();
        plot.Axes.Bottom.TickGenerator = new CategoryTicks(Categories, widest);
    }

    private double BarWidth => 0.8 / Math.Max(_series.Count, 1);

    private double Center(int category, int series) => category - 0.4 + ((series + 0.5) * BarWidth);

    /// <summary>On a log axis, bars start one decade below the smallest positive value.</summary>
    private double LogFloor()
    {
        double min = _series.SelectMany(s => s.Values).Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).Min();
        return Math.Floor(Math.Log10(min));
    }
}
