namespace Basin.Dfsa.Inputs;

/// <summary>Standard normal x ∼ N(0, Iₙ).</summary>
public sealed class GaussianInput : InputDistribution
{
    /// <inheritdoc/>
    public override string Name => "gaussian";

    /// <inheritdoc/>
    public override double Scale => 1;

    /// <inheritdoc/>
    public override Tensor<T> Sample<T>(Rng rng, int batch, int n) => Tensor.Normal(rng, T.Zero, T.One, batch, n);
}
