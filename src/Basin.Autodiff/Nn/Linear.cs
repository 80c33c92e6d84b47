namespace Basin.Autodiff;

/// <summary>Affine layer y = x·W + b with W (in × out) and b (out), parameters named <c>weight</c> and <c>bias</c>.</summary>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with W drawn by <paramref name="init"/> and b = 0.</summary>
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true, Init init = Init.GlorotUniform)
    {
        if (inFeatures <= 0 || outFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(inFeatures), "Linear: feature counts must be positive.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Initializer.Matrix<T>(init, inFeatures, outFeatures, rng));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros<T>(outFeatures));
    }

    /// <summary>Input width.</summary>
    public int InFeatures { get; }

    /// <summary>Output width.</summary>
    public int OutFeatures { get; }

    /// <summary>W (in × out).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b (out), or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc/>
    public override Var<T> Forward(Var<T> x) => Functional.Linear(x, Weight, Bias);
}
