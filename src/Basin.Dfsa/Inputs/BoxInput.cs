namespace Basin.Dfsa.Inputs;

/// <summary>Uniform on the box [−1, 1]ⁿ (also the pixel-coordinate distribution of the CPPN).</summary>
public sealed class BoxInput : InputDistribution
{
    /// <inheritdoc/>
    public override string Name => "box";

    /// <inheritdoc/>
    public override double Scale => 1;

    /// <inheritdoc/>
    public override Tensor<T> Sample<T>(Rng rng, int batch, int n) => Tensor.Uniform(rng, -T.One, T.One, batch, n);
}
