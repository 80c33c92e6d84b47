using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Exchanges two axes (for a matrix, Xᵀ) as a strided view; MatMul consumes it as a GEMM transpose flag. Backward transposes the gradient back.</summary>
    public static Var<T> Transpose<T>(this Var<T> x, int axis0 = 0, int axis1 = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        axis0 = Strided.Axis("Transpose", axis0, x.Rank);
        axis1 = Strided.Axis("Transpose", axis1, x.Rank);
        var tape = Tape<T>.Resolve("Transpose", x, out bool record);
        var y = x.Value.Transpose(axis0, axis1);
        return record ? tape!.Record(new TransposeNode<T>(x, axis0, axis1), y) : Tape<T>.Untracked(y, tape);
    }
}

internal sealed class TransposeNode<T>(Var<T> x, int axis0, int axis1) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (x.RequiresGrad) Strided.Accumulate(tape.GradOf(x), gy.Transpose(axis0, axis1));
    }
}
