namespace Basin.Plotting;

/// <summary>Where the legend goes inside the plot area.</summary>
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
}
