namespace Basin.Plotting;

/// <summary>An axis-aligned rectangle in pixel space.</summary>
internal readonly record struct RectD(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterX => X + (Width / 2);

    public double CenterY => Y + (Height / 2);

    public RectD Inset(double d) => new(X + d, Y + d, Math.Max(0, Width - (2 * d)), Math.Max(0, Height - (2 * d)));

    public bool Contains(double x, double y) => x >= X && x <= Right && y >= Y && y <= Bottom;
}
