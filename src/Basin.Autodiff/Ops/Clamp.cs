using System.Numerics;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>min(max(x, lo), hi); ∂/∂x = [lo ≤ x ≤ hi] (0 outside).</summary>
    public static Var<T> Clamp<T>(this Var<T> x, T lo, T hi) where T : unmanaged, IFloatingPointIeee754<T>
        => lo <= hi ? UnaryNode<T>.Apply(x, new ClampNode<T>(lo, hi)) : throw new ArgumentException($"Clamp: lo ({lo}) exceeds hi ({hi}).", nameof(lo));
}

internal sealed class ClampNode<T>(T lo, T hi) : UnaryNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Max(x, lo, y);
        TensorPrimitives.Min(y, hi, y);
    }

    protected override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx)
    {
        for (int i = 0; i < gx.Length; i++) if (x[i] >= lo && x[i] <= hi) gx[i] += gy[i];
    }
}
