namespace Basin.Autodiff;

/// <summary>Options for <see cref="Sgd{T}"/>.</summary>
/// <param name="LearningRate">η.</param>
/// <param name="Momentum">μ (0 disables the velocity buffer's effect).</param>
/// <param name="Nesterov">Use the Nesterov look-ahead g + μ·b instead of b.</param>
/// <param name="WeightDecay">λ, added to the gradient as λθ (L2).</param>
/// <param name="Policy">Non-finite gradient handling.</param>
public sealed record SgdOptions(double LearningRate = 0.01, double Momentum = 0, bool Nesterov = false, double WeightDecay = 0,
    NonFinitePolicy Policy = NonFinitePolicy.Throw);

/// <summary>
/// Stochastic gradient descent with optional (Nesterov) momentum, as in PyTorch without dampening:
/// g ← ∇ + λθ; b ← μb + g; d ← Nesterov ? g + μb : b; θ ← θ − η d. State: the velocity <c>momentum</c> per parameter.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _velocity;

    /// <summary>Creates the optimiser over named parameters.</summary>
    public Sgd(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, SgdOptions options)
        : base(parameters, options.LearningRate, options.Policy)
    {
        if (options.Nesterov && options.Momentum <= 0) throw new ArgumentException("Nesterov momentum needs Momentum > 0.", nameof(options));
        Options = options;
        _velocity = ZerosLikeParameters();
    }

    /// <summary>Creates the optimiser over a module's parameters.</summary>
    public Sgd(Module<T> module, SgdOptions options) : this(module.NamedParameters(), options) { }

    /// <summary>Hyper-parameters (the learning rate lives in <see cref="Optimizer{T}.LearningRate"/>).</summary>
    public SgdOptions Options { get; }

    /// <inheritdoc/>
    protected override string Kind => "Sgd";

    /// <inheritdoc/>
    protected override IEnumerable<(string Buffer, Tensor<T>[] PerParameter)> Buffers => new[] { ("momentum", _velocity) };

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> value, ReadOnlySpan<T> grad)
    {
        T lr = T.CreateTruncating(LearningRateFor(index)), mu = T.CreateTruncating(Options.Momentum), wd = T.CreateTruncating(Options.WeightDecay);
        var b = _velocity[index].Span;
        bool momentum = Options.Momentum != 0;
        for (int i = 0; i < value.Length; i++)
        {
            T g = grad[i] + wd * value[i];
            if (momentum)
            {
                b[i] = mu * b[i] + g;
                g = Options.Nesterov ? g + mu * b[i] : b[i];
            }
            value[i] -= lr * g;
        }
    }
}
