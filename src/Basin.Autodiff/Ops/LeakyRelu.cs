using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>x for x &gt; 0, slope·x otherwise; ∂/∂x = 1 or slope.</summary>
    public static Var<T> LeakyRelu<T>(this Var<T> x, T slope) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new LeakyReluNode<T>(slope));
}

internal sealed class LeakyReluNode<T>(T slope) : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = x[i] > T.Zero ? x[i] : slope * x[i];
    }

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        for (int i = 0; i < gx.Length; i++) gx[i] += x[i] > T.Zero ? gy[i] : slope * gy[i];
    }
}
