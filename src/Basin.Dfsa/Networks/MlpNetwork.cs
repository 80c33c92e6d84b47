namespace Basin.Dfsa.Networks;

/// <summary>
/// f(x) = σ_out(W_L σ(… σ(W_1 x + b_1) …) + b_L): <see cref="NetworkSpec.Layers"/> hidden layers of width
/// <see cref="NetworkSpec.Hidden"/>. Parameters are named <c>mlp.layers.i.weight</c>/<c>bias</c>.
/// </summary>
public sealed class MlpNetwork<T> : DfsaNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Mlp<T> _mlp;
    private readonly Activation _output;

    /// <summary>Builds and initialises the network (Glorot/He by activation, times <see cref="NetworkSpec.InitGain"/>).</summary>
    public MlpNetwork(NetworkSpec spec, Rng rng) : base(spec)
    {
        var widths = new List<int> { spec.InputDim };
        for (int i = 0; i < spec.Layers; i++) widths.Add(spec.Hidden);
        widths.Add(spec.OutputDim);
        _output = ActivationNames.Parse(spec.OutputActivation);
        _mlp = RegisterModule("mlp", new Mlp<T>(widths, ActivationNames.Parse(spec.Activation), rng, _output));
        ApplyInitGain();
    }

    /// <inheritdoc/>
    public override (double Lo, double Hi)? OutputBounds => _output switch
    {
        Activation.Tanh => (-1, 1),
        Activation.Sigmoid => (0, 1),
        _ => null,
    };

    /// <inheritdoc/>
    public override Var<T> Forward(Var<T> x) => _mlp.Forward(x);
}
