using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Element-wise a ⊙ b with broadcasting. ∂/∂a = b, ∂/∂b = a.</summary>
    public static Var<T> Multiply<T>(this Var<T> a, Var<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => BinaryNode<T>.Apply(a, b, new MultiplyNode<T>());
}

internal sealed class MultiplyNode<T> : BinaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void ForwardRow(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Multiply(a, b, y);
    protected override void GradA(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => TensorPrimitives.Multiply(gy, b, dst);
    protected override void GradB(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => TensorPrimitives.Multiply(gy, a, dst);
}
