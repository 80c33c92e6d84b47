namespace Basin.Plotting;

/// <summary>Markers at (x, y) points of named series; the axes are padded so that markers stay inside the frame.</summary>
public sealed class ScatterPlot : XYPlot
{
    private protected override bool DefaultShowLine => false;

    private protected override MarkerShape DefaultMarker => MarkerShape.Circle;
}
