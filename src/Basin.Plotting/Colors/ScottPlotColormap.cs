namespace Basin.Plotting;

/// <summary>A Basin <see cref="ColorMap"/> seen by ScottPlot (heatmaps, colour bars): position t ∈ [0, 1] ↦ the same colour.</summary>
internal sealed class ScottPlotColormap(ColorMap map) : ScottPlot.IColormap
{
    public string Name => map.Name;

    public ScottPlot.Color GetColor(double position) => Theme.Color(map.Map(position));
}
