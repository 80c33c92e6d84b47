using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// The two outputs of one drawing: a raster surface encoded as PNG (SkiaSharp's encoder: no timestamps, so identical
/// pixels give identical bytes) and SkiaSharp's SVG canvas, which writes the same drawing as SVG 1.1 with real
/// <c>&lt;text&gt;</c> elements and images as PNG data URIs.
/// </summary>
internal static class SkiaOutput
{
    /// <summary>Draws on a <paramref name="width"/> × <paramref name="height"/> RGBA surface and returns it as PNG bytes.</summary>
    public static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        BasinFont.EnsureRegistered();
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"SkiaSharp could not allocate a {width}×{height} surface.");
        draw(surface.Canvas);
        surface.Canvas.Flush();
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the figure as PNG.");
        return data.ToArray();
    }

    /// <summary>Draws on an SVG canvas of the given size and returns the document.</summary>
    public static string Svg(int width, int height, Action<SKCanvas> draw)
    {
        BasinFont.EnsureRegistered();
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed))
        {
            draw(canvas);
        }

        return NumberIds(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>
    /// Skia names clip paths from a process-wide counter (<c>cl_348</c>), so the same figure drawn twice would differ; the
    /// ids are renumbered in order of appearance within the document, which makes the SVG a function of the figure alone.
    /// </summary>
    private static string NumberIds(string svg)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(svg, @"\bcl_[0-9a-fA-F]+\b", m =>
        {
            if (!map.TryGetValue(m.Value, out var id)) map[m.Value] = id = $"cl_{map.Count}";
            return id;
        });
    }
}
