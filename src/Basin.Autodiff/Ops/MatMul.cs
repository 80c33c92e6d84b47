using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Matrix product C = A·B for A (m×k) and B (k×n). Backward: ∂L/∂A += Ḡ·Bᵀ and ∂L/∂B += Aᵀ·Ḡ, both as GEMM calls
    /// with transpose flags (β = 1 accumulates in place; no transposed copies are formed). Transposed views as inputs are free.
    /// </summary>
    public static Var<T> MatMul<T>(this Var<T> a, Var<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[0])
            throw new TensorShapeException($"MatMul: shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)} do not fit (need m×k · k×n).");
        var tape = Tape<T>.Resolve("MatMul", a, b, out bool record);
        var c = Tape<T>.Alloc(tape, new[] { a.Shape[0], b.Shape[1] });
        TensorOps.MatMulInto(a.Value, b.Value, c, T.One, T.Zero);
        return record ? tape!.Record(new MatMulNode<T>(a, b), c) : Tape<T>.Untracked(c, tape);
    }
}

internal sealed class MatMulNode<T>(Var<T> a, Var<T> b) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (a.RequiresGrad) TensorOps.MatMulInto(gy, b.Value.Transpose(), tape.GradOf(a), T.One, T.One);
        if (b.RequiresGrad) TensorOps.MatMulInto(a.Value.Transpose(), gy, tape.GradOf(b), T.One, T.One);
    }
}
