using Basin.Data;

namespace Basin.Serve.Models;

/// <summary>Class names of the datasets (<see cref="Mnist.ClassNames"/>, <see cref="FashionMnist.ClassNames"/>).</summary>
public static class ClassNames
{
    /// <summary>The names of <paramref name="dataset"/>'s classes, or null when unknown.</summary>
    public static IReadOnlyList<string>? For(string dataset) => dataset.Trim().ToLowerInvariant() switch
    {
        Datasets.MnistName => Mnist.ClassNames,
        Datasets.FashionName => FashionMnist.ClassNames,
        _ => null,
    };

    /// <summary>The name of class <paramref name="k"/> of <paramref name="dataset"/>, or null.</summary>
    public static string? Of(string dataset, int k) => For(dataset) is { } names && k >= 0 && k < names.Count ? names[k] : null;
}
