using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Entries [start, start + length) along <paramref name="axis"/>, as a view. Backward adds the gradient into that window.</summary>
    public static Var<T> Slice<T>(this Var<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        axis = Strided.Axis("Slice", axis, x.Rank);
        if (start < 0 || length < 0 || start + length > x.Shape[axis])
            throw new TensorShapeException($"Slice: [{start}, {start + length}) is out of range for axis {axis} of shape {Shapes.Format(x.Shape)}.");
        var tape = Tape<T>.Resolve("Slice", x, out bool record);
        var y = x.Value.Slice(axis, start, length);
        return record ? tape!.Record(new SliceNode<T>(x, axis, start, length), y) : Tape<T>.Untracked(y, tape);
    }
}

internal sealed class SliceNode<T>(Var<T> x, int axis, int start, int length) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (x.RequiresGrad) Strided.Accumulate(tape.GradOf(x).Slice(axis, start, length), gy);
    }
}
