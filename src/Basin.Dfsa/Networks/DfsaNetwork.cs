namespace Basin.Dfsa.Networks;

/// <summary>
/// A network f: ℝⁿ → ℝᵐ trained data-free. Rows of the input are samples. Besides trainable parameters a network may
/// hold fixed <see cref="Buffers"/> (the keyed permutations of a coupling network) that are saved with it.
/// </summary>
public abstract class DfsaNetwork<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the network for <paramref name="spec"/>.</summary>
    protected DfsaNetwork(NetworkSpec spec) => Spec = spec.Validate();

    /// <summary>The shape description saved in model files.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>n.</summary>
    public int InputDim => Spec.InputDim;

    /// <summary>m.</summary>
    public int OutputDim => Spec.OutputDim;

    /// <summary>
    /// The range of every output when it is bounded (sigmoid outputs: (0, 1)); null when unbounded. The entropy term
    /// maps bounded outputs affinely onto (−1, 1) and unbounded ones through tanh.
    /// </summary>
    public virtual (double Lo, double Hi)? OutputBounds => null;

    /// <summary>Fixed, non-trainable tensors saved with the model, by name.</summary>
    public virtual IReadOnlyDictionary<string, Tensor<T>> Buffers() => new Dictionary<string, Tensor<T>>();

    /// <summary>Restores <see cref="Buffers"/> from a model file.</summary>
    public virtual void LoadBuffers(IReadOnlyDictionary<string, Tensor<T>> buffers) { }

    /// <summary>f(x) for a [batch, n] tensor, without recording anything.</summary>
    public Tensor<T> Evaluate(Tensor<T> x)
    {
        using var _ = Autograd.NoGrad();
        return Forward(Var<T>.Constant(x)).Value;
    }

    /// <summary>Copies every parameter and buffer from <paramref name="other"/> (same spec), converting the element type.</summary>
    public void CopyFrom<TOther>(DfsaNetwork<TOther> other) where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        LoadStateDict(other.StateDict().ToDictionary(kv => kv.Key, kv => Tensor.Cast<TOther, T>(kv.Value)));
        LoadBuffers(other.Buffers().ToDictionary(kv => kv.Key, kv => Tensor.Cast<TOther, T>(kv.Value)));
    }

    /// <summary>Multiplies every initial weight matrix by <see cref="NetworkSpec.InitGain"/>.</summary>
    protected void ApplyInitGain()
    {
        if (Spec.InitGain == 1) return;
        T g = T.CreateTruncating(Spec.InitGain);
        foreach (var (name, p) in NamedParameters())
            if (name.EndsWith("weight", StringComparison.Ordinal))
                System.Numerics.Tensors.TensorPrimitives.Multiply(p.Value.Span, g, p.Value.Span);
    }
}
