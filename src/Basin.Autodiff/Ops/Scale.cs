using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>c·x for a constant c; ∂/∂x = c.</summary>
    public static Var<T> Scale<T>(this Var<T> x, T c) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new ScaleNode<T>(c));
}

internal sealed class ScaleNode<T>(T c) : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Multiply(x, c, y);
    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx) => TensorPrimitives.MultiplyAdd(gy, c, gx, gx);
}
