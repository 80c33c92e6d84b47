namespace Basin.Dfsa.Art;

/// <summary>
/// y = sin x elementwise, ∂y/∂x = cos x: the periodic activation of SIREN-style CPPNs (Sitzmann et al. 2020) and the
/// Fourier input features of <see cref="RichCppnNetwork"/> (Tancik et al. 2020). One instance per application.
/// </summary>
public sealed class SineOp : CustomOp<float>
{
    private Tensor<float>? _x;

    /// <summary>sin x as a recorded op.</summary>
    public static Var<float> Sin(Var<float> x) => new SineOp().ApplySingle(x);

    /// <inheritdoc/>
    protected override Tensor<float>[] Forward(IReadOnlyList<Tensor<float>> inputs)
    {
        var x = inputs[0].Contiguous();
        if (IsRecording) _x = x;
        var y = Tensor.Zeros<float>(x.Shape.ToArray());
        System.Numerics.Tensors.TensorPrimitives.Sin(x.Span, y.Span);
        return [y];
    }

    /// <inheritdoc/>
    protected override Tensor<float>?[] Backward(IReadOnlyList<Tensor<float>> outputGradients)
    {
        var x = _x!;
        var gy = outputGradients[0].Contiguous();
        var gx = Tensor.Zeros<float>(x.Shape.ToArray());
        System.Numerics.Tensors.TensorPrimitives.Cos(x.Span, gx.Span);
        System.Numerics.Tensors.TensorPrimitives.Multiply(gx.Span, gy.Span, gx.Span);
        return [gx];
    }
}
