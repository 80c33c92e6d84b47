using System.Globalization;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.IO;

/// <summary>Thrown when a key does not match the fingerprint recorded in an obfuscated file.</summary>
public sealed class WrongKeyException(string message) : IOException(message);

/// <summary>
/// Streams CSV vectors (one row of d numbers per line; blank lines and lines starting with <c>#</c> are skipped)
/// through a keyed transform in chunks of <see cref="ChunkRows"/> rows. Obfuscated output starts with a header line
/// <c># basin-obf v2 fingerprint=… dim=…</c>; inversion checks it and refuses another key.
/// </summary>
public static class CsvObfuscator
{
    private const string Magic = "# basin-obf v2";

    /// <summary>Rows transformed per chunk (one GEMM each).</summary>
    public const int ChunkRows = 256;

    /// <summary>Checks every line of a plain CSV (d finite numbers per row) without transforming; returns the row count.</summary>
    /// <exception cref="FormatException">The first malformed line, by number.</exception>
    public static long Validate(TextReader input, int d) => Stream(input, null, d, null, 1);

    /// <summary>Checks an obfuscated CSV: header, key fingerprint and every line; returns the row count.</summary>
    public static long ValidateObfuscated(KeyedTransform t, TextReader input)
    {
        CheckHeader(t, input.ReadLine());
        return Stream(input, null, t.Dim, null, 2);
    }

    /// <summary>Obfuscates every row of <paramref name="input"/>; returns the number of rows.</summary>
    /// <exception cref="FormatException">A line is malformed (wrong count, not a finite number); the message names the line.</exception>
    public static long Apply(KeyedTransform t, TextReader input, TextWriter output)
    {
        output.WriteLine($"{Magic} fingerprint={t.Key.Fingerprint} dim={t.Dim}");
        return Stream(input, output, t.Dim, t.ForwardRows, 1);
    }

    /// <summary>Inverts an obfuscated CSV stream; refuses a missing header or a key with another fingerprint.</summary>
    /// <exception cref="WrongKeyException">The key's fingerprint or dimension differs from the header's.</exception>
    /// <exception cref="FormatException">Header or a data line is malformed.</exception>
    public static long Invert(KeyedTransform t, TextReader input, TextWriter output)
    {
        CheckHeader(t, input.ReadLine());
        return Stream(input, output, t.Dim, t.InverseRows, 2);
    }

    /// <summary>Whether <paramref name="firstLine"/> is the header of an obfuscated CSV.</summary>
    public static bool IsObfuscatedHeader(string? firstLine) => firstLine != null && firstLine.StartsWith("# basin-obf", StringComparison.Ordinal);

    /// <summary>Writes one row with round-trip formatting.</summary>
    public static void WriteRow(TextWriter output, ReadOnlySpan<double> row)
    {
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) output.Write(',');
            output.Write(row[i].ToString("R", CultureInfo.InvariantCulture));
        }
        output.WriteLine();
    }

    private static void CheckHeader(KeyedTransform t, string? header)
    {
        if (header is null || !header.StartsWith(Magic, StringComparison.Ordinal))
            throw new FormatException(header != null && header.StartsWith("# basin-obf", StringComparison.Ordinal)
                ? "line 1: obfuscated with another format version (expected '# basin-obf v2')"
                : "line 1: not an obfuscated file (missing '# basin-obf v2' header)");
        string? fp = null; int dim = -1;
        foreach (var part in header[Magic.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("fingerprint=", StringComparison.Ordinal)) fp = part["fingerprint=".Length..];
            else if (part.StartsWith("dim=", StringComparison.Ordinal) && int.TryParse(part[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var d)) dim = d;
        }
        if (fp is null || dim < 0) throw new FormatException("line 1: header lacks fingerprint= or dim=");
        if (dim != t.Dim) throw new WrongKeyException($"the file has dimension {dim} but the key is for dimension {t.Dim}");
        if (!string.Equals(fp, t.Key.Fingerprint, StringComparison.Ordinal))
            throw new WrongKeyException($"wrong key: the file was obfuscated with key {fp}, this key is {t.Key.Fingerprint}");
    }

    private delegate void RowsMap(ReadOnlySpan<double> x, int n, Span<double> y);

    private static long Stream(TextReader input, TextWriter? output, int d, RowsMap? map, long firstLine)
    {
        var x = new double[ChunkRows * d]; var y = new double[ChunkRows * d];
        long line = firstLine - 1, rows = 0;
        int pending = 0;
        string? s;
        while ((s = input.ReadLine()) is not null)
        {
            line++;
            if (s.Length == 0 || s[0] == '#') continue;
            var fields = s.Split(',');
            if (fields.Length != d) throw new FormatException($"line {line}: expected {d} values, found {fields.Length}");
            var row = x.AsSpan(pending * d, d);
            for (int i = 0; i < d; i++)
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]) || !double.IsFinite(row[i]))
                    throw new FormatException($"line {line}, column {i + 1}: '{fields[i].Trim()}' is not a finite number");
            rows++;
            if (++pending == ChunkRows) { Flush(); pending = 0; }
        }
        Flush();
        return rows;

        void Flush()
        {
            if (pending == 0 || output is null || map is null) return;
            map(x.AsSpan(0, pending * d), pending, y.AsSpan(0, pending * d));
            for (int i = 0; i < pending; i++) WriteRow(output, y.AsSpan(i * d, d));
        }
    }
}
