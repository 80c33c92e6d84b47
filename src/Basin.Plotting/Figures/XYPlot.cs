namespace Basin.Plotting;

/// <summary>
/// Base of <see cref="LinePlot"/> and <see cref="ScatterPlot"/>: named (x, y) series on numeric axes, either of which
/// may be logarithmic. Non-finite points (and non-positive ones on a log axis) are skipped and break lines.
/// </summary>
public abstract class XYPlot : CartesianPlot
{
    private readonly List<XYSeries> _series = [];

    private protected XYPlot()
    {
    }

    /// <summary>Whether the x axis is logarithmic (base 10).</summary>
    public bool LogX { get; set; }

    /// <summary>Fixed lower x limit (automatic when null).</summary>
    public double? XMin { get; set; }

    /// <summary>Fixed upper x limit (automatic when null).</summary>
    public double? XMax { get; set; }

    /// <summary>The series in drawing order.</summary>
    public IReadOnlyList<XYSeries> Series => _series;

    private protected abstract bool DefaultShowLine { get; }

    private protected abstract MarkerShape DefaultMarker { get; }

    /// <summary>Adds a series of points (x[i], y[i]).</summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public XYSeries Add(string name, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Series '{name}': x has {x.Length} values but y has {y.Length}.", nameof(y));
        }

        var series = new XYSeries(name, x.ToArray(), y.ToArray(), DefaultShowLine, DefaultMarker);
        _series.Add(series);
        return series;
    }

    /// <summary>Adds a series of single-precision points (x[i], y[i]).</summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public XYSeries Add(string name, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Series '{name}': x has {x.Length} values but y has {y.Length}.", nameof(y));
        }

        return Add(name, ToArray(x), ToArray(y));
    }

    /// <summary>Adds a series with x = 0, 1, 2, … (e.g. a loss per epoch).</summary>
    public XYSeries Add(string name, ReadOnlySpan<double> y)
    {
        var x = new double[y.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i;
        }

        return Add(name, x, y);
    }

    /// <summary>Adds a single-precision series with x = 0, 1, 2, ….</summary>
    public XYSeries Add(string name, ReadOnlySpan<float> y) => Add(name, ToArray(y));

    /// <inheritdoc />
    public override CsvTable ToCsv()
    {
        var table = new CsvTable("series", "x", "y");
        foreach (XYSeries s in _series)
        {
            for (int i = 0; i < s.X.Count; i++)
            {
                table.AddRow(s.Name, s.X[i], s.Y[i]);
            }
        }

        return table;
    }

    private protected override AxisScale XScale => new(LogX);

    /// <summary>A small x margin where markers are drawn, so that the first and last markers are not cut by the frame.</summary>
    private protected override double XMargin => _series.Any(s => s.Marker != MarkerShape.None) ? 0.025 : 0;

    private protected override void AddData(ScottPlot.Plot plot, Theme theme)
    {
        for (int si = 0; si < _series.Count; si++)
        {
            XYSeries s = _series[si];
            ScottPlot.Color color = Theme.Color(ColorOf(s, si));
            bool labelled = false;
            foreach ((double[] xs, double[] ys) in Runs(s))
            {
                ScottPlot.Plottables.Scatter scatter = plot.Add.Scatter(xs, ys, color);
                scatter.LineWidth = s.ShowLine ? (float)(theme.LineWidth * s.LineWidth) : 0;
                scatter.MarkerShape = ToScottPlot(s.Marker);
                scatter.MarkerSize = s.Marker == MarkerShape.None ? 0 : (float)(theme.MarkerSize * s.MarkerSize);
                scatter.MarkerLineWidth = (float)Math.Max(1, theme.Unit * 1.5);
                if (!labelled && s.Name.Length > 0)
                {
                    scatter.LegendText = s.Name;
                    labelled = true;
                }
            }
        }
    }

    private protected override IEnumerable<(double X, double Y)> Footprint()
    {
        foreach (XYSeries s in _series)
        {
            foreach ((double[] xs, double[] ys) in Runs(s))
            {
                for (int i = 0; i < xs.Length; i++)
                {
                    yield return (xs[i], ys[i]);
                    if (s.ShowLine && i + 1 < xs.Length)
                    {
                        for (int k = 1; k < 8; k++)
                        {
                            yield return (xs[i] + ((xs[i + 1] - xs[i]) * k / 8), ys[i] + ((ys[i + 1] - ys[i]) * k / 8));
                        }
                    }
                }
            }
        }
    }

    private protected override void LimitX(ScottPlot.Plot plot)
    {
        ScottPlot.AxisLimits limits = plot.Axes.GetLimits(), data = plot.Axes.GetDataLimits();
        (double left, double right) = XScale.Snap(data.Left, data.Right, limits.Left, limits.Right, XMargin);
        double lo = XMin is double a && XScale.Accepts(a) ? XScale.Map(a) : left;
        double hi = XMax is double b && XScale.Accepts(b) ? XScale.Map(b) : right;
        if (!plot.GetPlottables().Any() || !double.IsFinite(lo) || !double.IsFinite(hi))
        {
            (lo, hi) = (0, 1);
        }

        plot.Axes.SetLimitsX(hi > lo ? lo : lo - 0.5, hi > lo ? hi : lo + 0.5);
    }

    /// <summary>The maximal runs of consecutive points both axes can show, mapped to plot coordinates (NaN/∞ break lines).</summary>
    private IEnumerable<(double[] X, double[] Y)> Runs(XYSeries s)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i <= s.X.Count; i++)
        {
            double x = i < s.X.Count ? XScale.Map(s.X[i]) : double.NaN, y = i < s.X.Count ? YScale.Map(s.Y[i]) : double.NaN;
            if (!double.IsNaN(x) && !double.IsNaN(y))
            {
                xs.Add(x);
                ys.Add(y);
            }
            else if (xs.Count > 0)
            {
                yield return ([.. xs], [.. ys]);
                xs.Clear();
                ys.Clear();
            }
        }
    }

    private static ScottPlot.MarkerShape ToScottPlot(MarkerShape shape) => shape switch
    {
        MarkerShape.Circle => ScottPlot.MarkerShape.FilledCircle,
        MarkerShape.Square => ScottPlot.MarkerShape.FilledSquare,
        MarkerShape.Diamond => ScottPlot.MarkerShape.FilledDiamond,
        MarkerShape.TriangleUp => ScottPlot.MarkerShape.FilledTriangleUp,
        MarkerShape.TriangleDown => ScottPlot.MarkerShape.FilledTriangleDown,
        MarkerShape.Cross => ScottPlot.MarkerShape.Eks,
        MarkerShape.Plus => ScottPlot.MarkerShape.Cross,
        _ => ScottPlot.MarkerShape.None,
    };

    private static Rgba32 ColorOf(XYSeries s, int index) => (s.Color ?? Palette.Category(index)).WithOpacity(s.Opacity);
}
