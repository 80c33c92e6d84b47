using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Σᵢ xᵢ over all elements, as a rank-0 scalar; ∂/∂xᵢ = 1.</summary>
    public static Var<T> Sum<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = Tape<T>.Resolve("Sum", x, out bool record);
        var y = Tape<T>.Alloc(tape, ReadOnlySpan<int>.Empty);
        y.Span[0] = TensorPrimitives.Sum<T>(Tape<T>.Packed(tape, x.Value).Span);
        return record ? tape!.Record(new SumNode<T>(x), y) : Tape<T>.Untracked(y, tape);
    }

    /// <summary>Mean of all elements (composite: Sum · 1/n).</summary>
    public static Var<T> Mean<T>(this Var<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Sum().Scale(T.One / T.CreateTruncating(Math.Max(x.Value.Length, 1)));
}

internal sealed class SumNode<T>(Var<T> x) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (!x.RequiresGrad) return;
        var gx = tape.GradOf(x).Span;
        TensorPrimitives.Add(gx, gy.Span[0], gx);
    }
}
