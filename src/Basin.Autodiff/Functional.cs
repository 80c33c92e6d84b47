namespace Basin.Autodiff;

/// <summary>
/// Composite functions built only from <see cref="Ops"/> primitives (like <c>torch.nn.functional</c>): none has a
/// backward of its own, so their gradients are correct whenever the primitives' are. Each is one entry in the
/// gradient-check table.
/// </summary>
public static class Functional
{
    /// <summary>σ(x) = 1/(1+e⁻ˣ), evaluated as ½·tanh(x/2) + ½ (no overflow for any x).</summary>
    public static Var<T> Sigmoid<T>(Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        return x.Scale(half).Tanh().Scale(half) + half;
    }

    /// <summary>softplus(x) = ln(1 + eˣ), evaluated stably as relu(x) + ln(1 + e^{−|x|}).</summary>
    public static Var<T> Softplus<T>(Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Relu() + (x.Abs().Neg().Exp() + T.One).Log();

    /// <summary>ln Σ exp(x) over <paramref name="axis"/>, shifted by the maximum for stability (the shift's gradient cancels exactly).</summary>
    public static Var<T> LogSumExp<T>(Var<T> x, int axis = -1, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = x.Max(axis, keepDims: true);
        var lse = m + (x - m).Exp().Sum(axis, keepDims: true).Log();
        return keepDims ? lse : lse.Reshape(Ops.ReducedShape(x.Shape, Strided.Axis("LogSumExp", axis, x.Rank), false));
    }

    /// <summary>log softmax(x) = x − LogSumExp(x) along <paramref name="axis"/> (last or first axis of a matrix).</summary>
    public static Var<T> LogSoftmax<T>(Var<T> x, int axis = -1) where T : unmanaged, IFloatingPointIeee754<T>
        => x - LogSumExp(x, axis, keepDims: true);

    /// <summary>softmax(x) = exp(log softmax(x)) along <paramref name="axis"/>.</summary>
    public static Var<T> Softmax<T>(Var<T> x, int axis = -1) where T : unmanaged, IFloatingPointIeee754<T>
        => LogSoftmax(x, axis).Exp();

    /// <summary>Mean over rows of −log softmax(logits)[i, labels[i]] for logits (batch × classes).</summary>
    public static Var<T> CrossEntropy<T>(Var<T> logits, ReadOnlySpan<int> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (logits.Rank != 2 || logits.Shape[0] != labels.Length)
            throw new TensorShapeException($"CrossEntropy: logits {Shapes.Format(logits.Shape)} need one row per label ({labels.Length}).");
        int c = logits.Shape[1];
        var onehot = new Tensor<T>(labels.Length, c);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)c) throw new ArgumentOutOfRangeException(nameof(labels), $"CrossEntropy: label {labels[i]} is out of range for {c} classes.");
            onehot[i, labels[i]] = T.One;
        }
        return (LogSoftmax(logits) * Var<T>.Constant(onehot)).Sum().Scale(-T.One / T.CreateTruncating(Math.Max(labels.Length, 1)));
    }

    /// <summary>Mean squared error mean((prediction − target)²).</summary>
    public static Var<T> Mse<T>(Var<T> prediction, Var<T> target) where T : unmanaged, IFloatingPointIeee754<T>
        => (prediction - target).Square().Mean();

    /// <summary>Binary cross-entropy on logits z with targets t ∈ [0, 1]: mean(softplus(z) − z·t).</summary>
    public static Var<T> BinaryCrossEntropyWithLogits<T>(Var<T> logits, Var<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
        => (Softplus(logits) - logits * targets).Mean();

    /// <summary>GELU, tanh form (Hendrycks &amp; Gimpel 2016): ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    public static Var<T> Gelu<T>(Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c = T.CreateTruncating(Math.Sqrt(2 / Math.PI));
        var inner = (x + (x.Square() * x).Scale(T.CreateTruncating(0.044715))).Scale(c);
        return (x * (inner.Tanh() + T.One)).Scale(T.CreateTruncating(0.5));
    }

    /// <summary>Affine map x·W (+ b) for x (batch × in), W (in × out), b (out).</summary>
    public static Var<T> Linear<T>(Var<T> x, Var<T> weight, Var<T>? bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = x.MatMul(weight);
        return bias is null ? y : y + bias;
    }

    /// <summary>tanh(x·W + b) composed from primitives; the reference for <see cref="FusedLinearTanh{T}"/>.</summary>
    public static Var<T> LinearTanh<T>(Var<T> x, Var<T> weight, Var<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
        => Linear(x, weight, bias).Tanh();
}
