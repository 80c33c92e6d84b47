using System.Globalization;
using System.Text;
using System.Xml;

namespace Basin.Plotting;

/// <summary>
/// Renders to SVG 1.1 text: one element per primitive, numbers in the invariant culture with at most two decimals,
/// strings XML-escaped (characters XML forbids are dropped), raster images embedded as PNG data URIs.
/// Text widths are estimated at 0.58 em per character (DejaVu Sans / Verdana average) for layout.
/// </summary>
internal sealed class SvgRenderTarget : IRenderTarget
{
    private const double CharWidthEm = 0.58;
    private readonly StringBuilder _body = new();
    private readonly int _width;
    private readonly int _height;
    private int _nextClip;
    private int _openClips;

    public SvgRenderTarget(int width, int height)
    {
        _width = width;
        _height = height;
    }

    public (double Width, double Height) MeasureText(string text, double size) => (text.Length * size * CharWidthEm, size);

    public void FillRect(RectD rect, Rgba32 color)
    {
        if (!(rect.Width > 0 && rect.Height > 0))
        {
            return;
        }

        _body.Append("<rect x=\"").Append(N(rect.X)).Append("\" y=\"").Append(N(rect.Y))
            .Append("\" width=\"").Append(N(rect.Width)).Append("\" height=\"").Append(N(rect.Height)).Append('"');
        Paint("fill", color);
        _body.Append("/>\n");
    }

    public void StrokeRect(RectD rect, Rgba32 color, double width)
    {
        double h = width / 2;
        _body.Append("<rect x=\"").Append(N(rect.X + h)).Append("\" y=\"").Append(N(rect.Y + h))
            .Append("\" width=\"").Append(N(Math.Max(0, rect.Width - width))).Append("\" height=\"").Append(N(Math.Max(0, rect.Height - width)))
            .Append("\" fill=\"none\"");
        Paint("stroke", color);
        _body.Append(" stroke-width=\"").Append(N(width)).Append("\"/>\n");
    }

    public void Line(double x0, double y0, double x1, double y1, Rgba32 color, double width)
    {
        _body.Append("<line x1=\"").Append(N(x0)).Append("\" y1=\"").Append(N(y0))
            .Append("\" x2=\"").Append(N(x1)).Append("\" y2=\"").Append(N(y1)).Append('"');
        Paint("stroke", color);
        _body.Append(" stroke-width=\"").Append(N(width)).Append("\" stroke-linecap=\"round\"/>\n");
    }

    public void Polyline(ReadOnlySpan<PointD> points, Rgba32 color, double width)
    {
        if (points.Length == 0)
        {
            return;
        }

        _body.Append("<polyline fill=\"none\"");
        Paint("stroke", color);
        _body.Append(" stroke-width=\"").Append(N(width)).Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
        for (int i = 0; i < points.Length; i++)
        {
            if (i > 0)
            {
                _body.Append(' ');
            }

            _body.Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }

        _body.Append("\"/>\n");
    }

    public void Marker(double x, double y, MarkerShape shape, double size, Rgba32 color)
    {
        double r = size / 2;
        switch (shape)
        {
            case MarkerShape.Circle:
                _body.Append("<circle cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(y)).Append("\" r=\"").Append(N(r)).Append('"');
                Paint("fill", color);
                _body.Append("/>\n");
                break;
            case MarkerShape.Square:
                FillRect(new RectD(x - (r * 0.9), y - (r * 0.9), r * 1.8, r * 1.8), color);
                break;
            case MarkerShape.Diamond:
                Polygon(color, new(x, y - (r * 1.2)), new(x + (r * 1.2), y), new(x, y + (r * 1.2)), new(x - (r * 1.2), y));
                break;
            case MarkerShape.TriangleUp:
            case MarkerShape.TriangleDown:
                double s = shape == MarkerShape.TriangleUp ? 1.2 * r : -1.2 * r;
                Polygon(color, new(x, y - s), new(x + (Math.Abs(s) * 0.866), y + (s * 0.5)), new(x - (Math.Abs(s) * 0.866), y + (s * 0.5)));
                break;
            case MarkerShape.Cross:
                Line(x - r, y - r, x + r, y + r, color, Math.Max(1, size / 4));
                Line(x - r, y + r, x + r, y - r, color, Math.Max(1, size / 4));
                break;
            case MarkerShape.Plus:
                Line(x - r, y, x + r, y, color, Math.Max(1, size / 4));
                Line(x, y - r, x, y + r, color, Math.Max(1, size / 4));
                break;
        }
    }

    public void Text(string text, double x, double y, double size, Rgba32 color, TextAlign align, TextBaseline baseline, bool vertical = false, bool bold = false)
    {
        double offset = baseline switch { TextBaseline.Top => 0.8 * size, TextBaseline.Middle => 0.35 * size, _ => -0.2 * size };
        string anchor = align switch { TextAlign.Start => "start", TextAlign.Middle => "middle", _ => "end" };
        _body.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y + offset))
            .Append("\" font-size=\"").Append(N(size)).Append("\" text-anchor=\"").Append(anchor).Append('"');
        if (bold)
        {
            _body.Append(" font-weight=\"bold\"");
        }

        if (vertical)
        {
            _body.Append(" transform=\"rotate(-90 ").Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        }

        Paint("fill", color);
        _body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public void Image(Rgba32[] pixels, int width, int height, RectD dest)
    {
        string data = Convert.ToBase64String(PngEncoder.Encode(pixels, width, height));
        _body.Append("<image x=\"").Append(N(dest.X)).Append("\" y=\"").Append(N(dest.Y))
            .Append("\" width=\"").Append(N(dest.Width)).Append("\" height=\"").Append(N(dest.Height))
            .Append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated;image-rendering:crisp-edges\" xlink:href=\"data:image/png;base64,")
            .Append(data).Append("\"/>\n");
    }

    public void PushClip(RectD rect)
    {
        int id = _nextClip++;
        _body.Append("<clipPath id=\"clip").Append(id.ToString(CultureInfo.InvariantCulture)).Append("\"><rect x=\"").Append(N(rect.X))
            .Append("\" y=\"").Append(N(rect.Y)).Append("\" width=\"").Append(N(rect.Width)).Append("\" height=\"").Append(N(rect.Height))
            .Append("\"/></clipPath>\n<g clip-path=\"url(#clip").Append(id.ToString(CultureInfo.InvariantCulture)).Append(")\">\n");
        _openClips++;
    }

    public void PopClip()
    {
        if (_openClips > 0)
        {
            _openClips--;
            _body.Append("</g>\n");
        }
    }

    public string ToSvg(string? title)
    {
        var sb = new StringBuilder(_body.Length + 512);
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"")
            .Append(_width.ToString(CultureInfo.InvariantCulture)).Append("\" height=\"").Append(_height.ToString(CultureInfo.InvariantCulture))
            .Append("\" viewBox=\"0 0 ").Append(_width.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(_height.ToString(CultureInfo.InvariantCulture))
            .Append("\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n");
        if (!string.IsNullOrEmpty(title))
        {
            sb.Append("<title>").Append(Escape(title)).Append("</title>\n");
        }

        sb.Append(_body);
        for (int i = 0; i < _openClips; i++)
        {
            sb.Append("</g>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Escapes XML markup characters and drops characters that XML 1.0 does not allow.</summary>
    internal static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            if (!XmlConvert.IsXmlChar(c))
            {
                continue;
            }

            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    internal static string N(double v)
    {
        if (!double.IsFinite(v))
        {
            return "0";
        }

        double r = Math.Round(v, 2);
        return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
    }

    private void Polygon(Rgba32 color, params ReadOnlySpan<PointD> points)
    {
        _body.Append("<polygon points=\"");
        for (int i = 0; i < points.Length; i++)
        {
            if (i > 0)
            {
                _body.Append(' ');
            }

            _body.Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }

        _body.Append('"');
        Paint("fill", color);
        _body.Append("/>\n");
    }

    private void Paint(string attribute, Rgba32 color)
    {
        _body.Append(' ').Append(attribute).Append("=\"").Append(color.ToHexRgb()).Append('"');
        if (color.A < 255)
        {
            _body.Append(' ').Append(attribute).Append("-opacity=\"").Append(N(color.A / 255.0)).Append('"');
        }
    }
}
