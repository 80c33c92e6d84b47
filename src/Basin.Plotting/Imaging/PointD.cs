namespace Basin.Plotting;

/// <summary>A point in pixel space (x to the right, y downwards), double precision.</summary>
public readonly record struct PointD(double X, double Y);
