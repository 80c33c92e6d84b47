using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Σ over one axis (e.g. axis 0 sums the rows of a matrix into a row, axis 1 sums each row); the axis is dropped
    /// unless <paramref name="keepDims"/>. Backward broadcasts the gradient back along the axis.
    /// </summary>
    public static Var<T> Sum<T>(this Var<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        axis = Strided.Axis("Sum", axis, x.Rank);
        var tape = Tape<T>.Resolve("SumAxis", x, out bool record);
        var (outer, n, inner) = Strided.Split(x.Shape, axis);
        var y = Tape<T>.Alloc(tape, ReducedShape(x.Shape, axis, keepDims));
        var xs = Tape<T>.Packed(tape, x.Value).Span;
        var ys = y.Span;
        ys.Clear();
        for (int o = 0; o < outer; o++)
        {
            var dst = ys.Slice(o * inner, inner);
            for (int k = 0; k < n; k++) TensorPrimitives.Add(dst, xs.Slice((o * n + k) * inner, inner), dst);
        }
        return record ? tape!.Record(new SumAxisNode<T>(x, outer, n, inner), y) : Tape<T>.Untracked(y, tape);
    }

    /// <summary>Mean over one axis (composite: Sum(axis) · 1/extent).</summary>
    public static Var<T> Mean<T>(this Var<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Sum(axis, keepDims).Scale(T.One / T.CreateTruncating(Math.Max(x.Shape[Strided.Axis("Mean", axis, x.Rank)], 1)));

    internal static int[] ReducedShape(ReadOnlySpan<int> shape, int axis, bool keepDims)
    {
        var s = new List<int>(shape.ToArray());
        if (keepDims) s[axis] = 1;
        else s.RemoveAt(axis);
        return s.ToArray();
    }
}

internal sealed class SumAxisNode<T>(Var<T> x, int outer, int n, int inner) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (!x.RequiresGrad) return;
        var gx = tape.GradOf(x).Span;
        var g = gy.Span;
        for (int o = 0; o < outer; o++)
        {
            var src = g.Slice(o * inner, inner);
            for (int k = 0; k < n; k++)
            {
                var d = gx.Slice((o * n + k) * inner, inner);
                TensorPrimitives.Add(d, src, d);
            }
        }
    }
}
