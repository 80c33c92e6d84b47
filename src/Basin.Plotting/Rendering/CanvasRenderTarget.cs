namespace Basin.Plotting;

/// <summary>Renders onto a <see cref="Canvas"/>; text uses the bitmap font at scale round(size / 6.5).</summary>
internal sealed class CanvasRenderTarget(Canvas canvas) : IRenderTarget
{
    private readonly Stack<RectD> _clips = new();

    public Canvas Canvas { get; } = canvas;

    public static int TextScale(double size) => Math.Max(1, (int)Math.Round(size / 6.5, MidpointRounding.AwayFromZero));

    public (double Width, double Height) MeasureText(string text, double size)
    {
        (int w, int h) = BitmapFont.Measure(text, TextScale(size));
        return (w, h);
    }

    public void FillRect(RectD rect, Rgba32 color) => Canvas.FillRect(rect.X, rect.Y, rect.Width, rect.Height, color);

    public void StrokeRect(RectD rect, Rgba32 color, double width) => Canvas.StrokeRect(rect.X, rect.Y, rect.Width, rect.Height, color, width);

    public void Line(double x0, double y0, double x1, double y1, Rgba32 color, double width)
    {
        if (x0 == x1 || y0 == y1)
        {
            // Axis-aligned: snap to pixel centres (odd widths) or edges (even widths) so rules stay crisp.
            double w = Math.Max(1, Math.Round(width));
            double offset = w % 2 == 1 ? 0.5 : 0;
            if (x0 == x1)
            {
                x0 = x1 = Math.Floor(x0) + offset;
            }

            if (y0 == y1)
            {
                y0 = y1 = Math.Floor(y0) + offset;
            }

            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            if (x0 == x1)
            {
                Canvas.FillRect(x0 - (w / 2), Math.Min(y0, y1), w, Math.Abs(y1 - y0), color);
            }
            else
            {
                Canvas.FillRect(Math.Min(x0, x1), y0 - (w / 2), Math.Abs(x1 - x0), w, color);
            }

            return;
        }

        Canvas.DrawLine(x0, y0, x1, y1, color, width);
    }

    public void Polyline(ReadOnlySpan<PointD> points, Rgba32 color, double width) => Canvas.DrawPolyline(points, color, width);

    public void Marker(double x, double y, MarkerShape shape, double size, Rgba32 color) => Canvas.DrawMarker(x, y, shape, size, color);

    public void Text(string text, double x, double y, double size, Rgba32 color, TextAlign align, TextBaseline baseline, bool vertical = false, bool bold = false)
    {
        int scale = TextScale(size);
        (int w, int h) = BitmapFont.Measure(text, scale);
        double along = align switch { TextAlign.Start => 0, TextAlign.Middle => w / 2.0, _ => w };
        double across = baseline switch { TextBaseline.Top => 0, TextBaseline.Middle => h / 2.0, _ => h };
        double left, top;
        if (vertical)
        {
            left = x - across;
            top = y - w + along;
        }
        else
        {
            left = x - along;
            top = y - across;
        }

        left = Math.Round(left);
        top = Math.Round(top);
        Canvas.DrawText(text, left, top, color, scale, vertical);
        if (bold)
        {
            Canvas.DrawText(text, vertical ? left : left + Math.Max(1, scale / 2), vertical ? top - Math.Max(1, scale / 2) : top, color, scale, vertical);
        }
    }

    public void Image(Rgba32[] pixels, int width, int height, RectD dest) =>
        Canvas.DrawImage(pixels, width, height, dest.X, dest.Y, dest.Width, dest.Height);

    public void PushClip(RectD rect)
    {
        _clips.Push(rect);
        Canvas.SetClip(rect.X, rect.Y, rect.Width, rect.Height);
    }

    public void PopClip()
    {
        _clips.Pop();
        if (_clips.TryPeek(out RectD outer))
        {
            Canvas.SetClip(outer.X, outer.Y, outer.Width, outer.Height);
        }
        else
        {
            Canvas.ResetClip();
        }
    }
}
