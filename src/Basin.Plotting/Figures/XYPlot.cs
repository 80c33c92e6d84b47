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

    private protected virtual double XPad => 0;

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

    private protected override Axis MakeXAxis(int maxTicks)
    {
        (double lo, double hi) = Range(_series.Select(s => (double[])s.X), LogX);
        return Axis.Numeric(lo, hi, LogX, XMin, XMax, XPad, false, maxTicks);
    }

    private protected override (double Min, double Max) YDataRange() => Range(_series.Select(s => (double[])s.Y), LogY);

    private protected override IReadOnlyList<LegendEntry> LegendEntries(PlotStyle style) =>
        _series.Select((s, i) => (s, i)).Where(p => p.s.Name.Length > 0)
            .Select(p => new LegendEntry(p.s.Name, ColorOf(p.s, p.i), p.s.ShowLine ? style.LineWidth * p.s.LineWidth : 0, p.s.Marker, false))
            .ToList();

    private protected override void DrawData(IRenderTarget target, RectD plot, Axis x, Axis y, PlotStyle style, List<PointD> drawn)
    {
        var run = new List<PointD>();
        for (int si = 0; si < _series.Count; si++)
        {
            XYSeries s = _series[si];
            Rgba32 color = ColorOf(s, si);
            double width = style.LineWidth * s.LineWidth;
            run.Clear();
            for (int i = 0; i <= s.X.Count; i++)
            {
                bool ok = i < s.X.Count && x.Accepts(s.X[i]) && y.Accepts(s.Y[i]);
                if (ok)
                {
                    var p = new PointD(x.Map(s.X[i]), y.Map(s.Y[i]));
                    if (s.ShowLine && run.Count > 0)
                    {
                        AddSegmentSamples(drawn, run[^1], p, 8 * style.Unit);
                    }

                    run.Add(p);
                    drawn.Add(p);
                }
                else if (run.Count > 0)
                {
                    if (s.ShowLine)
                    {
                        target.Polyline(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run), color, width);
                    }

                    run.Clear();
                }
            }

            if (s.Marker != MarkerShape.None)
            {
                double size = style.MarkerSize * s.MarkerSize;
                for (int i = 0; i < s.X.Count; i++)
                {
                    if (x.Accepts(s.X[i]) && y.Accepts(s.Y[i]))
                    {
                        target.Marker(x.Map(s.X[i]), y.Map(s.Y[i]), s.Marker, size, color);
                    }
                }
            }
        }
    }

    /// <summary>Points every <paramref name="spacing"/> pixels along a segment, so that the legend avoids lines, not only vertices.</summary>
    private static void AddSegmentSamples(List<PointD> drawn, PointD a, PointD b, double spacing)
    {
        double length = Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
        int steps = (int)Math.Min(length / Math.Max(spacing, 1), 1000);
        for (int k = 1; k < steps; k++)
        {
            double t = (double)k / steps;
            drawn.Add(new PointD(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t)));
        }
    }

    private static Rgba32 ColorOf(XYSeries s, int index) => (s.Color ?? Palette.Category(index)).WithOpacity(s.Opacity);
}
