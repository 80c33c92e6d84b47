using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>|x|; ∂/∂x = sign x (subgradient 0 at 0).</summary>
    public static Var<T> Abs<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new AbsNode<T>());
}

internal sealed class AbsNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Abs(x, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        for (int i = 0; i < gx.Length; i++)
            if (x[i] > T.Zero) gx[i] += gy[i];
            else if (x[i] < T.Zero) gx[i] -= gy[i];
    }
}
