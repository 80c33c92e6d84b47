using SkiaSharp;

namespace Basin.Generative.Storage;

/// <summary>
/// Baseline JPEG of greyscale images through SkiaSharp (libjpeg-turbo inside Skia), for comparison only: Basin
/// writes its own PNGs. <see cref="AtBytes"/> finds the highest quality whose file fits a byte budget.
/// </summary>
public static class JpegCodec
{
    /// <summary>JPEG bytes of a row-major greyscale image in [0, 1] at quality 1…100.</summary>
    public static byte[] Encode(ReadOnlySpan<float> gray, int width, int height, int quality)
    {
        using var bmp = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var px = new byte[width * height];
        for (int i = 0; i < px.Length; i++) px[i] = (byte)Math.Round(Math.Clamp(gray[i], 0f, 1f) * 255);
        System.Runtime.InteropServices.Marshal.Copy(px, 0, bmp.GetPixels(), px.Length);
        using var img = SKImage.FromBitmap(bmp);
        using var data = img.Encode(SKEncodedImageFormat.Jpeg, quality) ?? throw new InvalidOperationException("SkiaSharp could not encode JPEG");
        return data.ToArray();
    }

    /// <summary>Decodes JPEG bytes to greyscale in [0, 1] (the mean of R, G, B when Skia decodes to colour).</summary>
    public static float[] Decode(byte[] jpeg, int width, int height)
    {
        using var bmp = SKBitmap.Decode(jpeg) ?? throw new InvalidDataException("not a JPEG SkiaSharp can decode");
        if (bmp.Width != width || bmp.Height != height) throw new InvalidDataException($"JPEG is {bmp.Width}×{bmp.Height}, expected {width}×{height}");
        var g = new float[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var c = bmp.GetPixel(x, y);
                g[y * width + x] = (c.Red + c.Green + c.Blue) / (3f * 255);
            }
        return g;
    }

    /// <summary>
    /// The highest quality q ∈ [1, 100] whose JPEG is at most <paramref name="budget"/> bytes (binary search; JPEG size
    /// grows with q), its bytes; q = 1 and its (larger) bytes when even that exceeds the budget.
    /// </summary>
    public static (int Quality, byte[] Bytes) AtBytes(ReadOnlySpan<float> gray, int width, int height, int budget)
    {
        int lo = 1, hi = 100;
        byte[] best = Encode(gray, width, height, 1);
        int bestQ = 1;
        if (best.Length > budget) return (1, best);
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            var b = Encode(gray, width, height, mid);
            if (b.Length <= budget) { lo = mid; best = b; bestQ = mid; } else hi = mid - 1;
        }
        return (bestQ, best);
    }
}
