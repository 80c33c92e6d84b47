using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>ln x (x &gt; 0); ∂/∂x = 1/x.</summary>
    public static Var<T> Log<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new LogNode<T>());
}

internal sealed class LogNode<T> : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log(x, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        for (int i = 0; i < gx.Length; i++) gx[i] += gy[i] / x[i];
    }
}
