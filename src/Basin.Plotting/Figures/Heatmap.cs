using System.Globalization;

namespace Basin.Plotting;

/// <summary>
/// A matrix drawn as coloured cells (row 0 at the top) with a colour bar, e.g. a 32×32 avalanche matrix, a
/// confusion matrix, or a Jacobian. Colours come from <see cref="ColorMap"/> over [<see cref="Min"/>, <see cref="Max"/>]
/// (the data range by default; symmetric about zero with <see cref="SymmetricRange"/>). NaN cells use the map's NaN colour.
/// </summary>
public sealed class Heatmap : Plot
{
    private readonly double[] _values;

    /// <summary>Creates a heatmap of a row-major <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    /// <exception cref="ArgumentException">Non-positive dimensions or a value count other than rows × columns.</exception>
    public Heatmap(ReadOnlySpan<double> values, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0)
        {
            throw new ArgumentException($"Heatmap dimensions must be positive, got {rows}×{columns}.", nameof(rows));
        }

        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"A {rows}×{columns} heatmap needs {(long)rows * columns} values, got {values.Length}.", nameof(values));
        }

        Rows = rows;
        Columns = columns;
        _values = values.ToArray();
    }

    /// <summary>Creates a heatmap of a single-precision row-major matrix.</summary>
    public Heatmap(ReadOnlySpan<float> values, int rows, int columns)
        : this(ToArray(values), rows, columns)
    {
    }

    /// <summary>Creates a heatmap of a two-dimensional array ([row, column]).</summary>
    public Heatmap(double[,] values)
        : this(Flatten(values), values.GetLength(0), values.GetLength(1))
    {
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The value at (row, column).</summary>
    public double this[int row, int column] => _values[(row * Columns) + column];

    /// <summary>Label under the x (column) axis.</summary>
    public string? XLabel { get; set; }

    /// <summary>Label left of the y (row) axis.</summary>
    public string? YLabel { get; set; }

    /// <summary>Label beside the colour bar.</summary>
    public string? ColorBarLabel { get; set; }

    /// <summary>The colour map (viridis by default).</summary>
    public ColorMap ColorMap { get; set; } = ColorMap.Viridis;

    /// <summary>Value mapped to the first colour (data minimum when null).</summary>
    public double? Min { get; set; }

    /// <summary>Value mapped to the last colour (data maximum when null).</summary>
    public double? Max { get; set; }

    /// <summary>Whether the automatic range is [−m, m] with m the largest |value| (for diverging maps).</summary>
    public bool SymmetricRange { get; set; }

    /// <summary>Whether cells are square (default) rather than filling the panel.</summary>
    public bool EqualAspect { get; set; } = true;

    /// <summary>Whether the colour bar is drawn.</summary>
    public bool ShowColorBar { get; set; } = true;

    /// <summary>Whether each cell is annotated with its value (only where the text fits).</summary>
    public bool ShowValues { get; set; }

    /// <summary>Labels for the columns (indices when null).</summary>
    public IReadOnlyList<string>? ColumnLabels { get; set; }

    /// <summary>Labels for the rows (indices when null).</summary>
    public IReadOnlyList<string>? RowLabels { get; set; }

    /// <summary>The value range that the colour map spans.</summary>
    public (double Min, double Max) ColorRange()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in _values)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        if (lo > hi)
        {
            (lo, hi) = (0, 1);
        }

        if (SymmetricRange)
        {
            double m = Math.Max(Math.Abs(lo), Math.Abs(hi));
            (lo, hi) = (-m, m);
        }

        return (Min ?? lo, Max ?? hi);
    }

    /// <summary>The colour of cell (row, column).</summary>
    public Rgba32 CellColor(int row, int column)
    {
        (double lo, double hi) = ColorRange();
        return ColorMap.Map(this[row, column], lo, hi);
    }

    /// <inheritdoc />
    public override CsvTable ToCsv()
    {
        var table = new CsvTable("row", "column", "value");
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                table.AddRow(r, c, this[r, c]);
            }
        }

        return table;
    }

    private protected override void Render(IRenderTarget target, RectD area, PlotStyle style)
    {
        (double lo, double hi) = ColorRange();
        double barW = 16 * style.Unit, gap = style.Pad * 1.2;
        TickSet barTicks = hi > lo ? NiceTicks.Inside(lo, hi, 6) : new TickSet(lo, hi, 1, [lo], []);
        double barLabelW = barTicks.Major.Max(t => target.MeasureText(TickFormatter.Format(t, barTicks.Step), style.TickFont).Width);
        double reserve = 0;
        if (ShowColorBar)
        {
            reserve = gap + barW + style.TickLength + (style.Pad * 0.4) + barLabelW;
            if (!string.IsNullOrEmpty(ColorBarLabel))
            {
                reserve += target.MeasureText(ColorBarLabel, style.LabelFont).Height + (style.Pad * 0.6);
            }
        }

        (RectD plot, Axis x, Axis y) = AxesFrame.Layout(target, area, style, Title, XLabel, YLabel, reserve,
            m => CellAxis(Columns, ColumnLabels, m), m => CellAxis(Rows, RowLabels, m), yDown: true);
        if (EqualAspect)
        {
            double cell = Math.Min(plot.Width / Columns, plot.Height / Rows);
            double shift = (plot.Width - (cell * Columns)) / 2;
            plot = new RectD(plot.X + shift, plot.Y, cell * Columns, cell * Rows);
            x.SetPixels(plot.X, plot.Right);
            y.SetPixels(plot.Y, plot.Bottom);
        }

        var pixels = new Rgba32[_values.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = ColorMap.Map(_values[i], lo, hi);
        }

        target.Image(pixels, Columns, Rows, plot);
        if (ShowValues)
        {
            DrawValues(target, plot, style, lo, hi);
        }

        AxesFrame.DrawDecorations(target, area, plot, x, y, style, Title, XLabel, YLabel);
        if (ShowColorBar)
        {
            DrawColorBar(target, new RectD(plot.Right + gap, plot.Y, barW, plot.Height), style, lo, hi, barTicks);
        }
    }

    private static Axis CellAxis(int count, IReadOnlyList<string>? labels, int maxTicks)
    {
        double[] positions;
        if (labels is not null && labels.Count == count)
        {
            int stride = Math.Max(1, (int)Math.Ceiling((double)count / Math.Max(maxTicks, 1)));
            positions = Enumerable.Range(0, count).Where(i => i % stride == 0).Select(i => (double)i).ToArray();
        }
        else
        {
            positions = count == 1 ? [0] : NiceTicks.Inside(0, count - 1, maxTicks).Major.Where(v => v == Math.Floor(v)).ToArray();
        }

        var ticks = positions.Select(p => (p + 0.5, labels is not null && labels.Count == count
            ? labels[(int)p]
            : ((int)p).ToString(CultureInfo.InvariantCulture))).ToArray();
        return Axis.Custom(0, count, ticks);
    }

    private void DrawValues(IRenderTarget target, RectD plot, PlotStyle style, double lo, double hi)
    {
        double cw = plot.Width / Columns, ch = plot.Height / Rows;
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                double v = this[r, c];
                string text = v.ToString("G3", CultureInfo.InvariantCulture).Replace('-', TickFormatter.Minus);
                (double tw, double th) = target.MeasureText(text, style.SmallFont);
                if (tw > cw * 0.9 || th > ch * 0.9)
                {
                    continue;
                }

                double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
                Rgba32 cell = ColorMap.Map(t);
                double luminance = (0.299 * cell.R) + (0.587 * cell.G) + (0.114 * cell.B);
                target.Text(text, plot.X + ((c + 0.5) * cw), plot.Y + ((r + 0.5) * ch), style.SmallFont,
                    luminance > 140 ? PlotStyle.Ink : Rgba32.White, TextAlign.Middle, TextBaseline.Middle);
            }
        }
    }

    private void DrawColorBar(IRenderTarget target, RectD bar, PlotStyle style, double lo, double hi, TickSet ticks)
    {
        const int levels = 256;
        var gradient = new Rgba32[levels];
        for (int i = 0; i < levels; i++)
        {
            gradient[i] = ColorMap.Map(1 - ((double)i / (levels - 1)));
        }

        target.Image(gradient, 1, levels, bar);
        target.StrokeRect(bar, PlotStyle.Frame, style.FrameWidth);
        double labelRight = bar.Right;
        foreach (double t in ticks.Major)
        {
            double py = hi > lo ? bar.Bottom - ((t - lo) / (hi - lo) * bar.Height) : bar.CenterY;
            string label = TickFormatter.Format(t, ticks.Step);
            target.Line(bar.Right, py, bar.Right + style.TickLength, py, PlotStyle.Frame, style.FrameWidth);
            double lx = bar.Right + style.TickLength + (style.Pad * 0.4);
            target.Text(label, lx, py, style.TickFont, PlotStyle.Ink, TextAlign.Start, TextBaseline.Middle);
            labelRight = Math.Max(labelRight, lx + target.MeasureText(label, style.TickFont).Width);
        }

        if (!string.IsNullOrEmpty(ColorBarLabel))
        {
            target.Text(ColorBarLabel, labelRight + (style.Pad * 0.6), bar.CenterY, style.LabelFont, PlotStyle.Ink, TextAlign.Middle, TextBaseline.Top, vertical: true);
        }
    }

    private static double[] Flatten(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flat = new double[values.Length];
        int k = 0;
        foreach (double v in values)
        {
            flat[k++] = v;
        }

        return flat;
    }
}
