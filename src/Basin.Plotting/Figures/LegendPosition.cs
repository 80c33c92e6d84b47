namespace Basin.Plotting;

/// <summary>Where the legend goes: a corner inside the plot area, or outside it on the right.</summary>
public enum LegendPosition
{
    /// <summary>The corner that covers the fewest data points.</summary>
    Auto,

    /// <summary>No legend.</summary>
    None,

    /// <summary>Top-right corner.</summary>
    TopRight,

    /// <summary>Top-left corner.</summary>
    TopLeft,

    /// <summary>Bottom-right corner.</summary>
    BottomRight,

    /// <summary>Bottom-left corner.</summary>
    BottomLeft,

    /// <summary>Outside the data area, on the figure's right edge: for many or long entries, which would hide data inside.</summary>
    Outside,
}
