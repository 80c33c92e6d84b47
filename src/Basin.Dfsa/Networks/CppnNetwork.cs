namespace Basin.Dfsa.Networks;

/// <summary>
/// Compositional pattern-producing network (Stanley 2007) for images: pixel coordinates (u, v) ∈ [−1, 1]² become
/// features [u, v, r] with r = √(u² + v² + 10⁻⁸), then <see cref="NetworkSpec.Layers"/> hidden layers alternating
/// tanh and a Gaussian bump g(z) = exp(−z²), then a sigmoid to m colour channels in (0, 1).
/// </summary>
public sealed class CppnNetwork<T> : DfsaNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Linear<T>[] _layers;

    /// <summary>Builds the network with Glorot-initialised layers times <see cref="NetworkSpec.InitGain"/>.</summary>
    public CppnNetwork(NetworkSpec spec, Rng rng) : base(spec)
    {
        int depth = Math.Max(1, spec.Layers);
        _layers = new Linear<T>[depth + 1];
        int width = 3;
        for (int i = 0; i < depth; i++)
        {
            _layers[i] = RegisterModule($"layer{i}", new Linear<T>(width, spec.Hidden, rng));
            width = spec.Hidden;
        }
        _layers[depth] = RegisterModule($"layer{depth}", new Linear<T>(width, spec.OutputDim, rng));
        ApplyInitGain();
    }

    /// <inheritdoc/>
    public override (double Lo, double Hi)? OutputBounds => (0, 1);

    /// <inheritdoc/>
    public override Var<T> Forward(Var<T> x)
    {
        var r = x.Square().Sum(1, keepDims: true).Add(Var<T>.Constant(T.CreateTruncating(1e-8))).Sqrt();
        var h = Ops.Concat(1, x, r);
        for (int i = 0; i < _layers.Length - 1; i++)
        {
            var z = _layers[i].Forward(h);
            h = i % 2 == 0 ? z.Tanh() : z.Square().Neg().Exp();
        }
        return Functional.Sigmoid(_layers[^1].Forward(h));
    }
}
