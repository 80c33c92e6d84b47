using System.Xml.Linq;

namespace Basin.Plotting.Tests.Figures;

internal static class PlotAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG (throws if not well-formed) and returns all text content of its text elements.</summary>
    public static List<string> SvgTexts(string svg)
    {
        XDocument doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        return doc.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
    }

    /// <summary>Renders a PNG, decodes it, and checks its size; returns the decoded image.</summary>
    public static PngImage Png(Plot plot, int width, int height)
    {
        PngImage image = PngDecoder.Decode(plot.ToPng(width, height));
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        return image;
    }

    /// <summary>Number of SVG paths stroked with <paramref name="color"/> (SkiaSharp writes colours as upper-case hex).</summary>
    public static int StrokedPaths(string svg, Rgba32 color)
    {
        string hex = $"#{color.R:X2}{color.G:X2}{color.B:X2}";
        return XDocument.Parse(svg).Descendants(Svg + "path").Count(p => string.Equals((string?)p.Attribute("stroke"), hex, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Pixels within <paramref name="tolerance"/> (max channel difference) of <paramref name="color"/>: anti-aliased strokes are rarely exact.</summary>
    public static int CountNear(PngImage image, Rgba32 color, int tolerance = 24)
    {
        int n = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                Rgba32 p = image.GetPixel(x, y);
                if (Math.Abs(p.R - color.R) <= tolerance && Math.Abs(p.G - color.G) <= tolerance && Math.Abs(p.B - color.B) <= tolerance)
                {
                    n++;
                }
            }
        }

        return n;
    }

    public static int CountPixels(PngImage image, Rgba32 color)
    {
        int n = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (image.GetPixel(x, y) == color)
                {
                    n++;
                }
            }
        }

        return n;
    }
}
