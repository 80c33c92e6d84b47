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

    private protected override Axis MakeXAxis(int maxTicks)
    {
        double[] edges = ComputeEdges();
        return Axis.Numeric(edges[0], edges[^1], false, null, null, 0, false, maxTicks);
    }

    private protected override (double Min, double Max) YDataRange() => Range(ComputeHeights(), LogY);

    private protected override IReadOnlyList<LegendEntry> LegendEntries(PlotStyle style) =>
        _series.Select((s, i) => (s, i)).Where(p => p.s.Name.Length > 0)
            .Select(p => new LegendEntry(p.s.Name, FillOf(p.s, p.i), 0, MarkerShape.None, true)).ToList();

    private protected override void DrawData(IRenderTarget target, RectD plot, Axis x, Axis y, PlotStyle style, List<PointD> drawn)
    {
        double[] edges = ComputeEdges();
        double[][] heights = ComputeHeights();
        double baseline = y.IsLog ? plot.Bottom : y.MapClamped(0);
        for (int si = 0; si < _series.Count; si++)
        {
            Rgba32 fill = FillOf(_series[si], si);
            Rgba32 line = _series[si].Color ?? Palette.Category(si);
            var outline = new List<PointD>();
            for (int i = 0; i < heights[si].Length; i++)
            {
                double h = heights[si][i];
                double x0 = x.Map(edges[i]), x1 = x.Map(edges[i + 1]);
                double top = y.Accepts(h) && (!y.IsLog || h > 0) ? y.MapClamped(h) : baseline;
                if (h != 0 && top != baseline)
                {
                    target.FillRect(new RectD(x0, Math.Min(top, baseline), x1 - x0, Math.Abs(baseline - top)), fill);
                    drawn.Add(new PointD((x0 + x1) / 2, top));
                }

                outline.Add(new PointD(x0, i == 0 ? baseline : outline[^1].Y));
                outline.Add(new PointD(x0, top));
                outline.Add(new PointD(x1, top));
            }

            if (outline.Count > 0)
            {
                outline.Add(new PointD(outline[^1].X, baseline));
                target.Polyline(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outline), line, Math.Max(1, style.LineWidth * 0.7));
            }
        }
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
