using System.Globalization;
using System.Text;

namespace Basin.Plotting;

/// <summary>
/// A small CSV table (RFC 4180 quoting, '\n' line ends, invariant-culture numbers in shortest round-trip form)
/// so that every plot can be saved beside the numbers it shows. Files are written atomically.
/// </summary>
public sealed class CsvTable
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates an empty table with the given column names.</summary>
    /// <exception cref="ArgumentException">No columns, or a column name is null.</exception>
    public CsvTable(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0 || columns.Any(c => c is null))
        {
            throw new ArgumentException("A CSV table needs at least one named column.", nameof(columns));
        }

        Columns = [.. columns];
    }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The formatted cells of each row.</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Appends a row of numbers.</summary>
    /// <exception cref="ArgumentException">The number of values differs from the number of columns.</exception>
    public CsvTable AddRow(params ReadOnlySpan<double> values)
    {
        CheckWidth(values.Length);
        var cells = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            cells[i] = FormatNumber(values[i]);
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>Appends a row of text cells.</summary>
    /// <exception cref="ArgumentException">The number of cells differs from the number of columns.</exception>
    public CsvTable AddRow(params ReadOnlySpan<string> cells)
    {
        CheckWidth(cells.Length);
        _rows.Add(cells.ToArray());
        return this;
    }

    /// <summary>Appends a row of mixed cells: numbers are formatted in the invariant culture, null becomes empty.</summary>
    /// <exception cref="ArgumentException">The number of cells differs from the number of columns.</exception>
    public CsvTable AddRow(params ReadOnlySpan<object?> cells)
    {
        CheckWidth(cells.Length);
        var row = new string[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            row[i] = cells[i] switch
            {
                null => string.Empty,
                double d => FormatNumber(d),
                float f => FormatNumber(f),
                IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString() ?? string.Empty,
            };
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>Builds a table from equally long numeric columns.</summary>
    /// <exception cref="ArgumentException">Names and columns differ in number, or columns differ in length.</exception>
    public static CsvTable FromColumns(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count)
        {
            throw new ArgumentException($"{names.Count} column names for {columns.Count} columns.", nameof(columns));
        }

        int n = columns.Count == 0 ? 0 : columns[0].Length;
        if (columns.Any(c => c.Length != n))
        {
            throw new ArgumentException("All columns must have the same length.", nameof(columns));
        }

        var table = new CsvTable([.. names]);
        var row = new double[columns.Count];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                row[c] = columns[c][r];
            }

            table.AddRow(row);
        }

        return table;
    }

    /// <summary>Writes header and rows.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteLine(writer, Columns);
        foreach (string[] row in _rows)
        {
            WriteLine(writer, row);
        }
    }

    /// <summary>Writes the table to <paramref name="path"/> as UTF-8, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    /// <summary>The CSV text.</summary>
    public override string ToString()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer);
        return writer.ToString();
    }

    /// <summary>Formats a number in the invariant culture's shortest round-trip form ("NaN", "Infinity" for non-finite values).</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a cell if it contains a comma, quote, or line break (RFC 4180).</summary>
    public static string Quote(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void WriteLine(TextWriter writer, IReadOnlyList<string> cells)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Quote(cells[i]));
        }

        writer.Write(sb.Append('\n').ToString());
    }

    private void CheckWidth(int count)
    {
        if (count != Columns.Count)
        {
            throw new ArgumentException($"Row has {count} cells but the table has {Columns.Count} columns ({string.Join(", ", Columns)}).");
        }
    }
}
