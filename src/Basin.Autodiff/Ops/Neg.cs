using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>−x; ∂/∂x = −1.</summary>
    public static Var<T> Neg<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new NegNode<T>());
}

internal sealed class NegNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Negate(x, y);
    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx) => TensorPrimitives.Subtract(gx, gy, gx);
}
