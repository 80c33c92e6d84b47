using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Same elements in a new shape (one extent may be −1); a view of packed values. Backward reshapes the gradient back.</summary>
    public static Var<T> Reshape<T>(this Var<T> x, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = Tape<T>.Resolve("Reshape", x, out bool record);
        var y = Tape<T>.Packed(tape, x.Value).Reshape(shape);
        return record ? tape!.Record(new ReshapeNode<T>(x), y) : Tape<T>.Untracked(y, tape);
    }
}

internal sealed class ReshapeNode<T>(Var<T> x) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (!x.RequiresGrad) return;
        var gx = tape.GradOf(x).Span;
        TensorPrimitives.Add(gx, gy.Span, gx);
    }
}
