namespace Basin.Plotting;

/// <summary>Where a text's anchor lies along its reading direction.</summary>
internal enum TextAlign
{
    Start,
    Middle,
    End,
}
