using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Rows x[indices[j]] stacked along axis 0 (an embedding lookup); indices may repeat. Backward scatter-adds
    /// each output row's gradient into its source row.
    /// </summary>
    public static Var<T> GatherRows<T>(this Var<T> x, ReadOnlySpan<int> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank < 1) throw new TensorShapeException($"GatherRows: needs rank ≥ 1, shape is {Shapes.Format(x.Shape)}.");
        int n = x.Shape[0];
        foreach (int i in indices)
            if ((uint)i >= (uint)n) throw new IndexOutOfRangeException($"GatherRows: index {i} is out of range for {n} rows.");
        var shape = x.Shape.ToArray();
        shape[0] = indices.Length;
        int row = n == 0 ? 0 : x.Value.Length / n;
        var tape = Tape<T>.Resolve("GatherRows", x, out bool record);
        var xs = Tape<T>.Packed(tape, x.Value).Span;
        var y = Tape<T>.Alloc(tape, shape);
        var ys = y.Span;
        for (int j = 0; j < indices.Length; j++) xs.Slice(indices[j] * row, row).CopyTo(ys.Slice(j * row, row));
        return record ? tape!.Record(new GatherRowsNode<T>(x, indices.ToArray(), row), y) : Tape<T>.Untracked(y, tape);
    }
}

internal sealed class GatherRowsNode<T>(Var<T> x, int[] indices, int row) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (!x.RequiresGrad) return;
        var gx = tape.GradOf(x).Span;
        var g = gy.Span;
        for (int j = 0; j < indices.Length; j++)
        {
            var d = gx.Slice(indices[j] * row, row);
            TensorPrimitives.Add(d, g.Slice(j * row, row), d);
        }
    }
}
