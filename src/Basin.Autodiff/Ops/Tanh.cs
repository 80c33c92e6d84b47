using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>tanh x; ∂/∂x = 1 − y².</summary>
    public static Var<T> Tanh<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new TanhNode<T>());
}

internal sealed class TanhNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tanh(x, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        for (int i = 0; i < gx.Length; i++) gx[i] += gy[i] * (T.One - y[i] * y[i]);
    }
}
