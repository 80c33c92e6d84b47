using SkiaSharp;

namespace Basin.Serve.Tests.TestSupport;

/// <summary>A digit drawn on light paper with SkiaSharp, as an upload would be.</summary>
internal static class Drawing
{
    /// <summary>A thick "7" on off-white paper, PNG.</summary>
    public static byte[] SevenPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(236, 232, 223));
            using var paint = new SKPaint { Color = new SKColor(25, 25, 40), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width * 0.075f, StrokeCap = SKStrokeCap.Round };
            canvas.DrawLine(width * 0.23f, height * 0.22f, width * 0.77f, height * 0.21f, paint);
            canvas.DrawLine(width * 0.77f, height * 0.21f, width * 0.43f, height * 0.83f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
