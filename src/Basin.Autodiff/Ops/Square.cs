using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>x²; ∂/∂x = 2x.</summary>
    public static Var<T> Square<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new SquareNode<T>());
}

internal sealed class SquareNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Multiply(x, x, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        T two = T.CreateTruncating(2);
        for (int i = 0; i < gx.Length; i++) gx[i] += two * x[i] * gy[i];
    }
}
