using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Joins variables along <paramref name="axis"/> (all other extents equal). Backward hands each input its slice of the gradient.</summary>
    public static Var<T> Concat<T>(int axis, params Var<T>[] parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one input.", nameof(parts));
        int rank = parts[0].Rank;
        axis = Strided.Axis("Concat", axis, rank);
        var shape = parts[0].Shape.ToArray();
        int total = 0;
        foreach (var p in parts)
        {
            bool ok = p.Rank == rank;
            for (int i = 0; ok && i < rank; i++) ok = i == axis || p.Shape[i] == shape[i];
            if (!ok) throw new TensorShapeException($"Concat along axis {axis}: shape {Shapes.Format(p.Shape)} does not fit {Shapes.Format(parts[0].Shape)}.");
            total += p.Shape[axis];
        }
        shape[axis] = total;
        var tape = Tape<T>.Resolve("Concat", parts, out bool record);
        var y = Tape<T>.Alloc(tape, shape);
        int off = 0;
        foreach (var p in parts)
        {
            Strided.Copy(p.Value, y.Slice(axis, off, p.Shape[axis]));
            off += p.Shape[axis];
        }
        return record ? tape!.Record(new ConcatNode<T>((Var<T>[])parts.Clone(), axis), y) : Tape<T>.Untracked(y, tape);
    }
}

internal sealed class ConcatNode<T>(Var<T>[] parts, int axis) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        int off = 0;
        foreach (var p in parts)
        {
            int len = p.Shape[axis];
            if (p.RequiresGrad) Strided.Accumulate(tape.GradOf(p), gy.Slice(axis, off, len));
            off += len;
        }
    }
}
