namespace Basin.Plotting;

/// <summary>A named sequence of (x, y) points in a <see cref="LinePlot"/> or <see cref="ScatterPlot"/>; set its style properties after adding it.</summary>
public sealed class XYSeries
{
    internal XYSeries(string name, double[] x, double[] y, bool showLine, MarkerShape marker)
    {
        Name = name;
        X = x;
        Y = y;
        ShowLine = showLine;
        Marker = marker;
    }

    /// <summary>Name shown in the legend (no legend entry when empty).</summary>
    public string Name { get; }

    /// <summary>The x values (a copy of the input).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The y values (a copy of the input).</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Colour; the next categorical colour (<see cref="Palette.Category"/>) when null.</summary>
    public Rgba32? Color { get; set; }

    /// <summary>Whether consecutive points are joined by a line (broken at NaN/∞ points).</summary>
    public bool ShowLine { get; set; }

    /// <summary>Line width relative to the panel's default width.</summary>
    public double LineWidth { get; set; } = 1;

    /// <summary>Marker drawn at each point.</summary>
    public MarkerShape Marker { get; set; }

    /// <summary>Marker size relative to the panel's default size.</summary>
    public double MarkerSize { get; set; } = 1;

    /// <summary>Opacity in [0, 1] applied to the colour.</summary>
    public double Opacity { get; set; } = 1;
}
