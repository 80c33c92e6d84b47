using System.Globalization;
using Basin.Data;
using Basin.Obfuscation.Evaluation;

namespace Basin.Obfuscation.IO;

/// <summary>Recognises the obfuscator's input files and fits a key's dimension, centre and scale to one.</summary>
public static class DataFit
{
    /// <summary>Whether <paramref name="path"/> starts like an IDX unsigned-byte file (0x00 0x00 0x08) or a gzip stream.</summary>
    public static bool LooksLikeIdx(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"input file '{path}' does not exist");
        using var s = File.OpenRead(path);
        Span<byte> h = stackalloc byte[4];
        int n = s.ReadAtLeast(h, 4, throwOnEndOfStream: false);
        return n >= 2 && ((h[0] == 0x1F && h[1] == 0x8B) || (n == 4 && h[0] == 0 && h[1] == 0 && h[2] == 0x08));
    }

    /// <summary>
    /// d, centre and scale (<see cref="ObfuscationEvaluation.Standardisation"/>) of the first 10 000 rows of a CSV file
    /// (one vector per line, # comments) or an IDX file (bytes as v/255).
    /// </summary>
    public static (int D, double Center, double Scale) Fit(string path, int maxRows = 10000)
    {
        double[] x; int d;
        if (LooksLikeIdx(path))
        {
            using var s = IdxStream.Open(path);
            d = s.ItemSize;
            int n = (int)Math.Min(s.Count, maxRows);
            var bytes = new byte[n * d];
            s.ReadItems(bytes);
            x = bytes.Select(b => b / 255.0).ToArray();
        }
        else
        {
            var rows = new List<double>();
            d = -1;
            int line = 0;
            foreach (var l in File.ReadLines(path))
            {
                line++;
                if (l.Length == 0 || l[0] == '#') continue;
                var f = l.Split(',');
                if (d < 0) d = f.Length;
                else if (f.Length != d) throw new FormatException($"{path}, line {line}: expected {d} values, found {f.Length}");
                foreach (var v in f)
                    rows.Add(double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var z) && double.IsFinite(z) ? z : throw new FormatException($"{path}, line {line}: '{v.Trim()}' is not a finite number"));
                if (rows.Count >= maxRows * d) break;
            }
            if (d < 2) throw new FormatException($"{path}: no rows with at least 2 values");
            x = rows.ToArray();
        }
        var (c, sc) = ObfuscationEvaluation.Standardisation(x);
        return (d, c, sc);
    }
}
