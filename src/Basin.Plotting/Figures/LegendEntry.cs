namespace Basin.Plotting;

/// <summary>One legend row: a swatch (line, marker or filled patch) and a name.</summary>
internal sealed record LegendEntry(string Name, Rgba32 Color, double LineWidth, MarkerShape Marker, bool Patch);
