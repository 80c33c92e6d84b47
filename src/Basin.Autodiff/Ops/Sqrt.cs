using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>√x (x ≥ 0); ∂/∂x = 1/(2√x).</summary>
    public static Var<T> Sqrt<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new SqrtNode<T>());
}

internal sealed class SqrtNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sqrt(x, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < gx.Length; i++) gx[i] += half * gy[i] / y[i];
    }
}
