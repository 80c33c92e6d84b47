using Basin.Dfsa.Art;
using Basin.Dfsa.Networks;

namespace Basin.Generative;

/// <summary>
/// The "low entropy" (structured creativity, white paper §F.4) and "high entropy" settings shared by every generator:
/// a low setting draws few, low Fourier frequencies and trains with the entropy term pulling the output distribution
/// together (+weight); a high setting draws many, higher frequencies and pushes the entropy up (−weight).
/// </summary>
public enum EntropyLevel
{
    /// <summary>Structured: bandwidth 2, 6 features, entropy weight +1.</summary>
    Low,
    /// <summary>Unpredictable: bandwidth 8, 16 features, entropy weight −1.</summary>
    High,
}

/// <summary>A data-free rich CPPN trained for a seed and an entropy level, the source of every generator here.</summary>
public static class GenerativeField
{
    /// <summary>Parses <c>low</c> or <c>high</c>.</summary>
    public static EntropyLevel ParseLevel(string name) => name.Trim().ToLowerInvariant() switch
    {
        "low" => EntropyLevel.Low,
        "high" => EntropyLevel.High,
        _ => throw new ArgumentException($"Unknown entropy level '{name}'; choose low or high."),
    };

    /// <summary>The art options of <paramref name="level"/>: the rich model, trained <paramref name="steps"/> steps on the generative preset.</summary>
    public static ArtOptions Options(EntropyLevel level, int steps, bool tileable = false) => new()
    {
        Model = ArtModel.Rich,
        Steps = steps,
        Hidden = 24,
        Layers = 4,
        InitGain = 1.5,
        Entropy = level == EntropyLevel.Low ? 1 : -1,
        Rich = level == EntropyLevel.Low
            ? new RichCppnShape(Features: 6, Bandwidth: 2, Tileable: tileable, Colour: "rgb")
            : new RichCppnShape(Features: 16, Bandwidth: 8, Tileable: tileable, Colour: "rgb"),
    };

    /// <summary>Trains the network for <paramref name="seed"/>; throws when training diverged.</summary>
    public static DfsaNetwork<float> Train(ulong seed, EntropyLevel level, int steps, bool tileable = false)
    {
        if (steps < 0) throw new ArgumentException("Training steps must be non-negative.");
        var (net, result) = ArtGenerator.Train(seed, Options(level, steps, tileable));
        if (result.Diverged) throw new InvalidOperationException($"data-free training diverged for seed {seed}: {result.Reason}");
        return net;
    }

    /// <summary>The network's outputs at <paramref name="points"/> (u, v pairs), row-major [count, 3].</summary>
    public static float[] Sample(DfsaNetwork<float> network, ReadOnlySpan<double> points)
    {
        int n = points.Length / 2;
        var x = new Tensor<float>(n, 2);
        for (int i = 0; i < n; i++) { x[i, 0] = (float)points[2 * i]; x[i, 1] = (float)points[2 * i + 1]; }
        var y = network.Evaluate(x).Contiguous();
        return y.Span.ToArray();
    }
}
