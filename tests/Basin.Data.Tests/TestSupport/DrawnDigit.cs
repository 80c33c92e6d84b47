using SkiaSharp;

namespace Basin.Data.Tests.TestSupport;

/// <summary>Synthetic "photographs" of digits drawn with SkiaSharp: a stroke path on paper, encoded as PNG or JPEG.</summary>
internal static class DrawnDigit
{
    /// <summary>A "7"-like stroke (top bar and diagonal) in a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    public static byte[] Seven(int width, int height, bool lightPaper = true, SKEncodedImageFormat format = SKEncodedImageFormat.Png,
        float offsetX = 0, float offsetY = 0)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(lightPaper ? new SKColor(235, 232, 225) : SKColors.Black);
            using var paint = new SKPaint
            {
                Color = lightPaper ? new SKColor(20, 20, 30) : SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke,
                StrokeWidth = Math.Min(width, height) * 0.06f, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
            };
            canvas.DrawLine(width * 0.3f + offsetX, height * 0.3f + offsetY, width * 0.7f + offsetX, height * 0.3f + offsetY, paint);
            canvas.DrawLine(width * 0.7f + offsetX, height * 0.3f + offsetY, width * 0.45f + offsetX, height * 0.75f + offsetY, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 92);
        return data.ToArray();
    }

    /// <summary>Centre of mass (Σ v·(i + ½)/Σ v per axis, continuous coordinates) of a side×side image.</summary>
    public static (double X, double Y) CentreOfMass(float[] px, int side)
    {
        double m = 0, x = 0, y = 0;
        for (int r = 0; r < side; r++)
            for (int c = 0; c < side; c++) { double v = px[r * side + c]; m += v; x += v * (c + 0.5); y += v * (r + 0.5); }
        return (x / m, y / m);
    }

    /// <summary>Width and height of the box of the pixels above <paramref name="threshold"/>.</summary>
    public static (int W, int H) InkBox(float[] px, int side, float threshold = 0.05f)
    {
        int x0 = side, x1 = -1, y0 = side, y1 = -1;
        for (int r = 0; r < side; r++)
            for (int c = 0; c < side; c++)
                if (px[r * side + c] > threshold) { x0 = Math.Min(x0, c); x1 = Math.Max(x1, c); y0 = Math.Min(y0, r); y1 = Math.Max(y1, r); }
        return (x1 - x0 + 1, y1 - y0 + 1);
    }
}
