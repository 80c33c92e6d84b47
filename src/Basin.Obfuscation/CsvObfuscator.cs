using System.Globalization;

namespace Basin.Obfuscation;

/// <summary>Thrown when a key does not match the fingerprint recorded in an obfuscated file.</summary>
public sealed class WrongKeyException(string message) : IOException(message);

/// <summary>Streams CSV vectors (one row of d numbers per line) through a keyed transform.
/// Obfuscated output starts with a header line <c># basin-obf v1 fingerprint=… dim=…</c>; inversion checks it.</summary>
public static class CsvObfuscator
{
    private const string Magic = "# basin-obf v1";

    /// <summary>Obfuscates every row of <paramref name="input"/>; returns the number of rows.</summary>
    /// <exception cref="FormatException">A line is malformed (wrong count, not a finite number); the message names the line.</exception>
    public static long Apply(KeyedTransform t, TextReader input, TextWriter output)
    {
        output.WriteLine($"{Magic} fingerprint={t.Key.Fingerprint} dim={t.Dim}");
        return Stream(input, output, t.Dim, t.Forward, 1);
    }

    /// <summary>Inverts an obfuscated CSV stream; refuses a missing header or a key with another fingerprint.</summary>
    /// <exception cref="WrongKeyException">The key's fingerprint differs from the header's.</exception>
    /// <exception cref="FormatException">Header or a data line is malformed.</exception>
    public static long Invert(KeyedTransform t, TextReader input, TextWriter output)
    {
        var header = input.ReadLine();
        if (header is null || !header.StartsWith(Magic, StringComparison.Ordinal))
            throw new FormatException("line 1: not an obfuscated file (missing '# basin-obf v1' header)");
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
        return Stream(input, output, t.Dim, t.Inverse, 2);
    }

    private delegate void Map(ReadOnlySpan<double> x, Span<double> y);

    private static long Stream(TextReader input, TextWriter output, int d, Map map, long firstLine)
    {
        var x = new double[d]; var y = new double[d];
        long line = firstLine - 1, rows = 0;
        string? s;
        while ((s = input.ReadLine()) is not null)
        {
            line++;
            if (s.Length == 0 || s[0] == '#') continue;
            var fields = s.Split(',');
            if (fields.Length != d) throw new FormatException($"line {line}: expected {d} values, found {fields.Length}");
            for (int i = 0; i < d; i++)
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out x[i]) || !double.IsFinite(x[i]))
                    throw new FormatException($"line {line}, column {i + 1}: '{fields[i].Trim()}' is not a finite number");
            map(x, y);
            for (int i = 0; i < d; i++)
            {
                if (i > 0) output.Write(',');
                output.Write(y[i].ToString("R", CultureInfo.InvariantCulture));
            }
            output.WriteLine();
            rows++;
        }
        return rows;
    }
}
