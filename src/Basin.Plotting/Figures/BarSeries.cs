namespace Basin.Plotting;

/// <summary>One group member of a <see cref="BarChart"/>: a value (and optional error) per category.</summary>
public sealed class BarSeries
{
    internal BarSeries(string name, double[] values, double[]? errors)
    {
        Name = name;
        Values = values;
        Errors = errors;
    }

    /// <summary>Name shown in the legend (no entry when empty).</summary>
    public string Name { get; }

    /// <summary>One value per category.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Optional symmetric error per category, drawn as error bars.</summary>
    public IReadOnlyList<double>? Errors { get; }

    /// <summary>Colour; the next categorical colour when null.</summary>
    public Rgba32? Color { get; set; }
}
