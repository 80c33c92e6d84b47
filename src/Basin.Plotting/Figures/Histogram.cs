namespace Basin.Plotting;

/// <summary>
/// Overlaid histograms of one or more data sets sharing the same bins: <see cref="Bins"/> equal-width bins over all
/// finite data, or explicit <see cref="Edges"/>. Bars are translucent with a solid outline so overlaps stay legible.
/// With <see cref="Density"/> the heights integrate to one; with <see cref="CartesianPlot.LogY"/> empty bins vanish.
/// </summary>
public sealed class Histogram : CartesianPlot
{
    private readonly List<HistogramSeries> _series = [];
    private int _bins = 30;
    private double[]? _edges;

    /// <summary>Number of equal-width bins when <see cref="Edges"/> is null (default 30).</summary>
    /// <exception cref="ArgumentException">Set to a non-positive value.</exception>
    public int Bins
    {
        get => _bins;
        set => _bins = value > 0 ? value : throw new ArgumentException($"Bins must be positive, got {value}.", nameof(value));
    }

    /// <summary>Explicit bin edges (finite, strictly increasing), overriding <see cref="Bins"/>.</summary>
    /// <exception cref="ArgumentException">The edges are invalid.</exception>
    public double[]? Edges
    {
        get => _edges;
        set
        {
            if (value is not null)
            {
                HistogramBinning.Validate(value);
            }

            _edges = value?.ToArray();
        }
    }

    /// <summary>Whether heights are probability densities (count / (n · bin width)) instead of counts.</summary>
    public bool Density { get; set; }

    /// <summary>The data sets in drawing order.</summary>
    public IReadOnlyList<HistogramSeries> Series => _series;

    private protected override bool YIncludesZero => true;

    /// <summary>Adds a data set.</summary>
    public HistogramSeries Add(string name, ReadOnlySpan<double> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        var series = new HistogramSeries(name, data.ToArray());
        _series.Add(series);
        return series;
    }

    /// <summary>Adds a single-precision data set.</summary>
    public HistogramSeries Add(string name, ReadOnlySpan<float> data) => Add(name, ToArray(data));

    /// <summary>The bin edges used for drawing: <see cref="Edges"/>, or equal-width bins over all series' finite data.</summary>
    public double[] ComputeEdges() => _edges ?? HistogramBinning.Edges(_series.SelectMany(s => s.Data).ToArray(), _bins);

    /// <summary>The bar heights of each series over <see cref="ComputeEdges"/> (counts, or densities).</summary>
    public double[][] ComputeHeights()
    {
        double[] edges = ComputeEdges();
        return _series.Select(s => Heights((double[])s.Data, edges)).ToArray();
    }

    /// <inheritdoc />
    public override CsvTable ToCsv()
    {
        double[] edges = ComputeEdges();
        var table = new CsvTable("series", "bin_low", "bin_high", Density ? "density" : "count");
        foreach (HistogramSeries s in _series)
        {
            double[] h = Heights((double[])s.Data, edges);
            for (int i = 0; i < h.Length; i++)
            {
                table.AddRow(s.Name, edges[i], edges[i + 1], h[i]);
            }
        }

        return table;
    }

    private protected override void AddData(ScottPlot.Plot plot, Theme theme)
    {
        double[] edges = ComputeEdges();
        double[][] heights = ComputeHeights();
        double floor = LogBaseline(heights);
        for (int si = 0; si < _series.Count; si++)
        {
            var bars = new List<ScottPlot.Bar>();
            ScottPlot.Color fill = Theme.Color(FillOf(_series[si], si)), line = Theme.Color(_series[si].Color ?? Palette.Category(si));
            for (int i = 0; i < heights[si].Length; i++)
            {
                double h = YScale.Map(heights[si][i]);
                if (double.IsNaN(h) || heights[si][i] == 0)
                {
                    continue;
                }

                bars.Add(new ScottPlot.Bar
                {
                    Position = (edges[i] + edges[i + 1]) / 2, Size = edges[i + 1] - edges[i], Value = h, ValueBase = LogY ? floor : 0,
                    FillColor = fill, LineColor = line, LineWidth = (float)Math.Max(1, theme.LineWidth * 0.5),
                });
            }

            ScottPlot.Plottables.BarPlot added = plot.Add.Bars(bars);
            added.LegendText = _series[si].Name;
            added.Color = fill;
        }
    }

    private protected override IEnumerable<(double X, double Y)> Footprint()
    {
        double[] edges = ComputeEdges();
        double[][] all = ComputeHeights();
        double baseline = LogY ? LogBaseline(all) : 0;
        foreach (double[] h in all)
        {
            for (int i = 0; i < h.Length; i++)
            {
                double y = YScale.Map(h[i]);
                if (!double.IsNaN(y) && h[i] != 0)
                {
                    for (int k = 0; k <= 4; k++)
                    {
                        yield return (edges[i] + ((edges[i + 1] - edges[i]) * k / 4), y);
                        yield return ((edges[i] + edges[i + 1]) / 2, baseline + ((y - baseline) * k / 4));
                    }
                }
            }
        }
    }

    private protected override void LimitX(ScottPlot.Plot plot)
    {
        double[] edges = ComputeEdges();
        plot.Axes.SetLimitsX(edges[0], edges[^1] > edges[0] ? edges[^1] : edges[0] + 1);
    }

    /// <summary>On a log axis, bars start one decade below the smallest positive height.</summary>
    private static double LogBaseline(double[][] heights)
    {
        double min = heights.SelectMany(h => h).Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).Min();
        return Math.Floor(Math.Log10(min)) - 0.0;
    }

    private Rgba32 FillOf(HistogramSeries s, int index) => (s.Color ?? Palette.Category(index)).WithOpacity(_series.Count > 1 ? 0.45 : 0.7);

    private double[] Heights(double[] data, double[] edges)
    {
        long[] counts = HistogramBinning.Count(data, edges);
        long total = counts.Sum();
        var heights = new double[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            heights[i] = Density ? (total == 0 ? 0 : counts[i] / (total * (edges[i + 1] - edges[i]))) : counts[i];
        }

        return heights;
    }
}
