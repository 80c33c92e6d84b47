namespace Basin.Plotting;

/// <summary>One data set of a <see cref="Histogram"/>.</summary>
public sealed class HistogramSeries
{
    internal HistogramSeries(string name, double[] data)
    {
        Name = name;
        Data = data;
    }

    /// <summary>Name shown in the legend (no entry when empty).</summary>
    public string Name { get; }

    /// <summary>The raw values (a copy of the input).</summary>
    public IReadOnlyList<double> Data { get; }

    /// <summary>Colour; the next categorical colour when null.</summary>
    public Rgba32? Color { get; set; }
}
