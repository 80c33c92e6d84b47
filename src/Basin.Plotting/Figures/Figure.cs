using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// A grid of panels (any plots) rendered into one SVG or PNG, with an optional overall title; each panel is laid out
/// in its own cell with sizes proportional to the cell. Empty cells stay blank.
/// </summary>
public sealed class Figure : Plot
{
    private readonly Plot?[] _panels;

    /// <summary>Creates a figure of <paramref name="rows"/> × <paramref name="columns"/> cells.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public Figure(int rows, int columns)
    {
        if (rows <= 0 || columns <= 0)
        {
            throw new ArgumentException($"A figure needs a positive number of rows and columns, got {rows}×{columns}.", nameof(rows));
        }

        Rows = rows;
        Columns = columns;
        _panels = new Plot?[rows * columns];
    }

    /// <summary>Number of panel rows.</summary>
    public int Rows { get; }

    /// <summary>Number of panel columns.</summary>
    public int Columns { get; }

    /// <summary>The panel at (row, column), or null.</summary>
    /// <exception cref="ArgumentException">The panel is this figure.</exception>
    public Plot? this[int row, int column]
    {
        get => _panels[Cell(row, column)];
        set => _panels[Cell(row, column)] = ReferenceEquals(value, this)
            ? throw new ArgumentException("A figure cannot contain itself.", nameof(value))
            : value;
    }

    /// <summary>Puts <paramref name="plot"/> in the first empty cell (row-major) and returns the figure.</summary>
    /// <exception cref="InvalidOperationException">All cells are taken.</exception>
    public Figure Add(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        int i = Array.IndexOf(_panels, null);
        if (i < 0)
        {
            throw new InvalidOperationException($"All {_panels.Length} cells of the figure are taken.");
        }

        this[i / Columns, i % Columns] = plot;
        return this;
    }

    /// <summary>
    /// All panels' tables stacked in long form: a <c>panel</c> column (row-major index) followed by the union of the
    /// panels' columns; cells a panel does not have are empty.
    /// </summary>
    public override CsvTable ToCsv()
    {
        var tables = _panels.Select((p, i) => (Index: i, Table: p?.ToCsv())).Where(t => t.Table is not null).ToList();
        var columns = new List<string> { "panel" };
        foreach ((_, CsvTable? t) in tables)
        {
            columns.AddRange(t!.Columns.Where(c => !columns.Contains(c)));
        }

        var result = new CsvTable([.. columns]);
        foreach ((int index, CsvTable? t) in tables)
        {
            int[] map = t!.Columns.Select(c => columns.IndexOf(c)).ToArray();
            foreach (string[] row in t.Rows)
            {
                var cells = new string[columns.Count];
                Array.Fill(cells, string.Empty);
                cells[0] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (int k = 0; k < row.Length; k++)
                {
                    cells[map[k]] = row[k];
                }

                result.AddRow(cells);
            }
        }

        return result;
    }

    private protected override (int Width, int Height) PreferredSize() => (440 * Columns, 340 * Rows + (string.IsNullOrEmpty(Title) ? 0 : 40));

    private protected override void Render(SKCanvas canvas, SKRect area, Theme theme)
    {
        // The figure title is sized like a panel title, one step larger, not by the whole figure.
        var panelTheme = Theme.For(SKRect.Create(area.Width / Columns, area.Height / Rows));
        float top = area.Top + TextFit.DrawTitle(canvas, area, Title, panelTheme.Scaled(1.3));
        float cellW = area.Width / Columns, cellH = (area.Bottom - top) / Rows;
        for (int i = 0; i < _panels.Length; i++)
        {
            Plot? panel = _panels[i];
            if (panel is not null && cellW >= 1 && cellH >= 1)
            {
                int r = i / Columns, c = i % Columns;
                panel.Draw(canvas, SKRect.Create(area.Left + (c * cellW), top + (r * cellH), cellW, cellH));
            }
        }
    }

    private int Cell(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Cell ({row}, {column}) is outside the {Rows}×{Columns} figure.");
        }

        return (row * Columns) + column;
    }
}
