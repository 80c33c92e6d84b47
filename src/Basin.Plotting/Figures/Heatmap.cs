using System.Globalization;
using SkiaSharp;

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

    private protected override void Render(SKCanvas canvas, SKRect area, Theme theme)
    {
        float top = TextFit.TitleHeight(area, Title, theme);
        var rest = new SKRect(area.Left, area.Top + top, area.Right, area.Bottom);
        if (rest.Height < 4 || rest.Width < 4)
        {
            return;
        }

        (double lo, double hi) = ColorRange();
        var intensities = new double[Rows, Columns];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                intensities[r, c] = this[r, c];
            }
        }

        using var plot = new ScottPlot.Plot();
        ScottPlot.Plottables.Heatmap map = plot.Add.Heatmap(intensities);
        map.Colormap = new ScottPlotColormap(ColorMap);
        map.ManualRange = new ScottPlot.Range(lo, hi > lo ? hi : lo + 1);
        map.NaNCellColor = Theme.Color(ColorMap.NanColor);
        map.Rectangle = new ScottPlot.CoordinateRect(0, Columns, 0, Rows);
        map.Smooth = false;
        if (ShowColorBar)
        {
            ScottPlot.Panels.ColorBar bar = plot.Add.ColorBar(map, ScottPlot.Edge.Right);
            bar.Width = (float)(16 * theme.Unit);
            if (!string.IsNullOrEmpty(ColorBarLabel))
            {
                bar.Label = ColorBarLabel;
            }
        }

        if (ShowValues)
        {
            AddValues(plot, rest, theme, lo, hi);
        }

        theme.ApplyTo(plot, Background);
        if (plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>().FirstOrDefault() is { } colorBar)
        {
            colorBar.Axis.TickLabelStyle.FontSize = theme.TickFont;
            colorBar.Axis.TickLabelStyle.ForeColor = Theme.Color(Theme.Ink);
            colorBar.LabelStyle.FontSize = theme.LabelFont;
            colorBar.LabelStyle.ForeColor = Theme.Color(Theme.Ink);
            colorBar.LabelStyle.Bold = false;
        }

        if (!string.IsNullOrEmpty(XLabel))
        {
            plot.XLabel(XLabel, TextFit.Shrink(XLabel, theme.LabelFont, rest.Width * 0.85f));
        }

        if (!string.IsNullOrEmpty(YLabel))
        {
            plot.YLabel(YLabel, TextFit.Shrink(YLabel, theme.LabelFont, rest.Height * 0.85f));
        }

        plot.HideGrid();
        plot.Axes.Bottom.TickGenerator = CellTicks(Columns, ColumnLabels, rest.Width, theme, flip: false);
        plot.Axes.Left.TickGenerator = CellTicks(Rows, RowLabels, rest.Height, theme, flip: true);
        plot.Axes.SetLimits(0, Columns, 0, Rows);
        if (EqualAspect)
        {
            plot.Axes.SquareUnits();
        }

        plot.HideLegend();
        ScottPlotRender.Draw(plot, canvas, rest);
        TextFit.DrawTitle(canvas, area, Title, theme);
    }

    /// <summary>Ticks at cell centres (row 0 at the top), labelled by <paramref name="labels"/> or indices, thinned so that labels do not overlap.</summary>
    private static ScottPlot.TickGenerators.NumericManual CellTicks(int count, IReadOnlyList<string>? labels, float length, Theme theme, bool flip)
    {
        bool named = labels is not null && labels.Count == count;
        string Label(int i) => named ? labels![i] : i.ToString(CultureInfo.InvariantCulture);
        float room = flip ? theme.TickFont * 1.6f : Enumerable.Range(0, count).Max(i => BasinFont.Measure(Label(i), theme.TickFont)) + (theme.TickFont * 0.8f);
        int fit = Math.Max(1, (int)(length * 0.8f / room));
        int stride = Math.Max(1, (int)Math.Ceiling((double)count / fit));
        if (!named)
        {
            int[] nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];
            stride = nice.FirstOrDefault(n => n >= stride, stride);
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < count; i += stride)
        {
            ticks.AddMajor(flip ? count - i - 0.5 : i + 0.5, Label(i));
        }

        return ticks;
    }

    private void AddValues(ScottPlot.Plot plot, SKRect rest, Theme theme, double lo, double hi)
    {
        float cell = Math.Min(rest.Width * 0.8f / Columns, rest.Height * 0.8f / Rows);
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                double v = this[r, c];
                string text = v.ToString("G3", CultureInfo.InvariantCulture).Replace('-', '\u2212');
                if (BasinFont.Measure(text, theme.SmallFont) > cell * 0.9f || theme.SmallFont > cell * 0.9f)
                {
                    continue;
                }

                Rgba32 fill = ColorMap.Map(v, lo, hi);
                double luminance = (0.299 * fill.R) + (0.587 * fill.G) + (0.114 * fill.B);
                ScottPlot.Plottables.Text label = plot.Add.Text(text, c + 0.5, Rows - r - 0.5);
                label.Alignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontSize = theme.SmallFont;
                label.LabelFontName = BasinFont.Name;
                label.LabelFontColor = luminance > 140 ? Theme.Color(Theme.Ink) : ScottPlot.Colors.White;
            }
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
