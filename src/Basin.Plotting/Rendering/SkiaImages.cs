using SkiaSharp;

namespace Basin.Plotting;

/// <summary>Small images drawn with crisp square pixels on a raster or SVG canvas.</summary>
internal static class SkiaImages
{
    /// <summary>
    /// Draws <paramref name="pixels"/> (row-major, <paramref name="width"/> × <paramref name="height"/>) into
    /// <paramref name="dest"/> with nearest-neighbour sampling. An integer upscale is done here, pixel by pixel, so that
    /// SVG viewers (which smooth embedded images) show the same square pixels as the PNG.
    /// </summary>
    public static void Draw(SKCanvas canvas, ReadOnlySpan<Rgba32> pixels, int width, int height, SKRect dest)
    {
        int s = Math.Max(1, (int)Math.Floor(Math.Min(dest.Width / width, dest.Height / height)));
        s = Math.Min(s, Math.Max(1, 1024 / Math.Max(width, height)));
        using var bitmap = new SKBitmap(new SKImageInfo(width * s, height * s, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Span<byte> bytes = bitmap.GetPixelSpan();
        int stride = width * s * 4;
        for (int y = 0; y < height * s; y++)
        {
            for (int x = 0; x < width * s; x++)
            {
                Rgba32 p = pixels[((y / s) * width) + (x / s)];
                int o = (y * stride) + (x * 4);
                bytes[o] = p.R;
                bytes[o + 1] = p.G;
                bytes[o + 2] = p.B;
                bytes[o + 3] = p.A;
            }
        }

        using SKImage image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
    }
}
