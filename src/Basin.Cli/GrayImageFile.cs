using System.Text;
using Basin.Plotting;

namespace Basin.Cli;

/// <summary>Reads a grayscale image (PNG, or binary/ASCII PGM) as pixel values in [0, 1], row-major.</summary>
public static class GrayImageFile
{
    /// <summary>Pixels, width and height; RGB(A) PNGs are converted with the Rec. 601 luma weights.</summary>
    public static (float[] Pixels, int Width, int Height) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '2')) return ReadPgm(bytes, path);
        PngImage png;
        try { png = PngDecoder.Decode(bytes); }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"{path}: not a readable PNG or PGM image ({e.Message}).", e);
        }
        var px = new float[png.Width * png.Height];
        for (int y = 0; y < png.Height; y++)
            for (int x = 0; x < png.Width; x++)
            {
                var c = png.GetPixel(x, y);
                px[y * png.Width + x] = (0.299f * c.R + 0.587f * c.G + 0.114f * c.B) / 255f;
            }
        return (px, png.Width, png.Height);
    }

    private static (float[] Pixels, int Width, int Height) ReadPgm(byte[] b, string path)
    {
        int pos = 2;
        string Token()
        {
            while (pos < b.Length && (char.IsWhiteSpace((char)b[pos]) || b[pos] == '#'))
            {
                if (b[pos] == '#') while (pos < b.Length && b[pos] != '\n') pos++;
                else pos++;
            }
            var sb = new StringBuilder();
            while (pos < b.Length && !char.IsWhiteSpace((char)b[pos])) sb.Append((char)b[pos++]);
            return sb.Length > 0 ? sb.ToString() : throw new InvalidDataException($"{path}: truncated PGM header.");
        }
        bool binary = b[1] == '5';
        if (!int.TryParse(Token(), out int w) || !int.TryParse(Token(), out int h) || !int.TryParse(Token(), out int max) || w <= 0 || h <= 0 || max <= 0 || max > 255)
            throw new InvalidDataException($"{path}: invalid PGM header (8-bit grayscale expected).");
        // Every pixel takes at least one byte of the file (two in ASCII): check the declared size against the bytes that
        // follow before allocating it, so a header declaring 65535×65535 fails without allocating 16 GB.
        long count = (long)w * h, left = b.Length - pos - 1;
        if (count > (binary ? left : (left + 1) / 2))
            throw new InvalidDataException($"{path}: PGM data truncated ({Math.Max(0, left)} bytes for {w}×{h} pixels).");
        var px = new float[count];
        if (binary)
        {
            pos++;
            for (int i = 0; i < px.Length; i++) px[i] = b[pos + i] / (float)max;
        }
        else
            for (int i = 0; i < px.Length; i++)
                px[i] = int.TryParse(Token(), out int v) && v >= 0 && v <= max ? v / (float)max : throw new InvalidDataException($"{path}: invalid PGM pixel {i}.");
        return (px, w, h);
    }
}
