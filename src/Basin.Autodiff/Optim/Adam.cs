namespace Basin.Autodiff;

/// <summary>Options for <see cref="Adam{T}"/>.</summary>
/// <param name="LearningRate">η.</param>
/// <param name="Beta1">β₁, decay of the first moment.</param>
/// <param name="Beta2">β₂, decay of the second moment.</param>
/// <param name="Epsilon">ε added to √v̂.</param>
/// <param name="WeightDecay">λ.</param>
/// <param name="Decoupled">True: AdamW, θ ← θ(1 − ηλ) before the Adam step (Loshchilov &amp; Hutter 2019); false: L2, g ← g + λθ.</param>
/// <param name="Policy">Non-finite gradient handling.</param>
public sealed record AdamOptions(double LearningRate = 1e-3, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8,
    double WeightDecay = 0, bool Decoupled = true, NonFinitePolicy Policy = NonFinitePolicy.Throw);

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction, in PyTorch's arrangement: at step t,
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
/// State: <c>exp_avg</c> (m) and <c>exp_avg_sq</c> (v) per parameter plus the step count; t is the optimiser-wide step count
/// (a parameter without a gradient in some step keeps its moments but its bias correction still advances).
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _m, _v;

    /// <summary>Creates the optimiser over named parameters.</summary>
    public Adam(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, AdamOptions options)
        : base(parameters, options.LearningRate, options.Policy)
    {
        Options = options;
        _m = ZerosLikeParameters();
        _v = ZerosLikeParameters();
    }

    /// <summary>Creates the optimiser over a module's parameters.</summary>
    public Adam(Module<T> module, AdamOptions options) : this(module.NamedParameters(), options) { }

    /// <summary>Hyper-parameters (the learning rate lives in <see cref="Optimizer{T}.LearningRate"/>).</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    protected override string Kind => "Adam";

    /// <inheritdoc/>
    protected override IEnumerable<(string Buffer, Tensor<T>[] PerParameter)> Buffers => new[] { ("exp_avg", _m), ("exp_avg_sq", _v) };

    /// <inheritdoc/>
    protected override void Update(int index, Span<T> value, ReadOnlySpan<T> grad)
    {
        var o = Options;
        double t = StepCount;
        T b1 = T.CreateTruncating(o.Beta1), b2 = T.CreateTruncating(o.Beta2);
        T c1 = T.One - b1, c2 = T.One - b2;
        double lr = LearningRateFor(index);
        T stepSize = T.CreateTruncating(lr / (1 - Math.Pow(o.Beta1, t)));
        T invSqrtBc2 = T.CreateTruncating(1 / Math.Sqrt(1 - Math.Pow(o.Beta2, t)));
        T eps = T.CreateTruncating(o.Epsilon);
        T wd = T.CreateTruncating(o.WeightDecay);
        T shrink = T.CreateTruncating(1 - lr * o.WeightDecay);
        bool decoupled = o.Decoupled && o.WeightDecay != 0, coupled = !o.Decoupled && o.WeightDecay != 0;
        var m = _m[index].Span;
        var v = _v[index].Span;
        for (int i = 0; i < value.Length; i++)
        {
            T g = coupled ? grad[i] + wd * value[i] : grad[i];
            if (decoupled) value[i] *= shrink;
            m[i] = b1 * m[i] + c1 * g;
            v[i] = b2 * v[i] + c2 * g * g;
            value[i] -= stepSize * m[i] / (T.Sqrt(v[i]) * invSqrtBc2 + eps);
        }
    }
}
