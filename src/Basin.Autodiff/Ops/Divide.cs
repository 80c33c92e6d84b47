using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Element-wise a / b with broadcasting. ∂/∂a = 1/b, ∂/∂b = −a/b² = −y/b.</summary>
    public static Var<T> Divide<T>(this Var<T> a, Var<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => BinaryNode<T>.Apply(a, b, new DivideNode<T>());
}

internal sealed class DivideNode<T> : BinaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void ForwardRow(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Divide(a, b, y);
    protected override void GradA(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => TensorPrimitives.Divide(gy, b, dst);

    protected override void GradB(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst)
    {
        TensorPrimitives.Multiply(gy, y, dst);
        TensorPrimitives.Divide(dst, b, dst);
        TensorPrimitives.Negate(dst, dst);
    }
}
