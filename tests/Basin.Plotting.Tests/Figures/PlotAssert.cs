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
        return doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
    }

    /// <summary>Renders a PNG, decodes it, and checks its size; returns the decoded image.</summary>
    public static PngImage Png(Plot plot, int width, int height)
    {
        PngImage image = PngDecoder.Decode(plot.ToPng(width, height));
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        return image;
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
