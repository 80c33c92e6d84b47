using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>a + b, broadcasting scalars, bias rows and columns. ∂/∂a = ∂/∂b = 1 (summed over broadcast axes).</summary>
    public static Var<T> Add<T>(this Var<T> a, Var<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => BinaryNode<T>.Apply(a, b, new AddNode<T>());
}

internal sealed class AddNode<T> : BinaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void ForwardRow(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Add(a, b, y);
    protected override void GradA(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => gy.CopyTo(dst);
    protected override void GradB(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst) => gy.CopyTo(dst);
}
