namespace Basin.Plotting;

/// <summary>Marker shapes for points in line and scatter plots.</summary>
public enum MarkerShape
{
    /// <summary>No marker.</summary>
    None,

    /// <summary>A filled disc.</summary>
    Circle,

    /// <summary>A filled axis-aligned square.</summary>
    Square,

    /// <summary>A filled square rotated by 45°.</summary>
    Diamond,

    /// <summary>A filled triangle pointing up.</summary>
    TriangleUp,

    /// <summary>A filled triangle pointing down.</summary>
    TriangleDown,

    /// <summary>An ×-shaped cross of two strokes.</summary>
    Cross,

    /// <summary>A +-shaped cross of two strokes.</summary>
    Plus,
}
