using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>eˣ; ∂/∂x = eˣ = y.</summary>
    public static Var<T> Exp<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new ExpNode<T>());
}

internal sealed class ExpNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Exp(x, y);
    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx) => TensorPrimitives.MultiplyAdd(gy, y, gx, gx);
}
