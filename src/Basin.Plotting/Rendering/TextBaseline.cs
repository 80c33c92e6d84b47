namespace Basin.Plotting;

/// <summary>Where a text's anchor lies across its reading direction (top of the glyphs, centre, or bottom of the box).</summary>
internal enum TextBaseline
{
    Top,
    Middle,
    Bottom,
}
