using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>max(x, 0); ∂/∂x = [x &gt; 0].</summary>
    public static Var<T> Relu<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new ReluNode<T>());
}

internal sealed class ReluNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, T.Zero, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        for (int i = 0; i < gx.Length; i++) if (x[i] > T.Zero) gx[i] += gy[i];
    }
}
