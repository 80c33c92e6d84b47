namespace Basin.Plotting;

/// <summary>
/// The drawing vocabulary shared by the SVG and PNG back ends. Coordinates are pixels (y down); text is placed by an
/// anchor point plus alignment, and measured by the back end itself so that layout adapts to each one's fonts.
/// </summary>
internal interface IRenderTarget
{
    (double Width, double Height) MeasureText(string text, double size);

    void FillRect(RectD rect, Rgba32 color);

    void StrokeRect(RectD rect, Rgba32 color, double width);

    void Line(double x0, double y0, double x1, double y1, Rgba32 color, double width);

    void Polyline(ReadOnlySpan<PointD> points, Rgba32 color, double width);

    void Marker(double x, double y, MarkerShape shape, double size, Rgba32 color);

    /// <summary>Draws text; vertical text is rotated 90° counter-clockwise (reads upwards, its top faces left).</summary>
    void Text(string text, double x, double y, double size, Rgba32 color, TextAlign align, TextBaseline baseline, bool vertical = false, bool bold = false);

    void Image(Rgba32[] pixels, int width, int height, RectD dest);

    void PushClip(RectD rect);

    void PopClip();
}
