using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>a − b with broadcasting. ∂/∂a = 1, ∂/∂b = −1.</summary>
    public static Var<T> Subtract<T>(this Var<T> a, Var<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => BinaryNode<T>.Apply(a, b, new SubtractNode<T>());
}

internal sealed class SubtractNode<T> : BinaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void ForwardRow(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Subtract(a, b, y);
    protected override void GradA(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => gy.CopyTo(dst);
    protected override void GradB(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => TensorPrimitives.Negate(gy, dst);
}
