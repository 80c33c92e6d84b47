using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>xᵖ for a constant exponent p (x &gt; 0 unless p is an integer); ∂/∂x = p·xᵖ⁻¹.</summary>
    public static Var<T> Pow<T>(this Var<T> x, T p) where T : unmanaged, IFloatingPointIeee754<T>
        => UnaryNode<T>.Apply(x, new PowNode<T>(p));
}

internal sealed class PowNode<T>(T p) : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Pow(x, p, y);

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        T pm1 = p - T.One;
        for (int i = 0; i < gx.Length; i++) gx[i] += gy[i] * p * T.Pow(x[i], pm1);
    }
}
