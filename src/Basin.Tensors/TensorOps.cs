using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Basin.Tensors.Blas;

namespace Basin.Tensors;

/// <summary>
/// Whole-tensor arithmetic on packed tensors. Element-wise work goes through
/// <see cref="TensorPrimitives"/> (vectorised, AVX-512 where present); matrix products through the GEMM provider.
/// Every method validates shapes and throws <see cref="TensorShapeException"/> naming both shapes.
/// </summary>
public static class TensorOps
{
    /// <summary>C = op(A)·op(B) for matrices; transposed views are passed to GEMM as transpose flags, not copied.</summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Dim(1) != b.Dim(0))
            throw TensorShapeException.Mismatch("MatMul", a.Shape, b.Shape);
        var c = new Tensor<T>(a.Dim(0), b.Dim(1));
        MatMulInto(a, b, c, T.One, T.Zero);
        return c;
    }

    /// <summary>C ← α·A·B + β·C where A, B may be transposed views of packed matrices and C is packed.</summary>
    public static void MatMulInto<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2 || b.Rank != 2 || c.Rank != 2 || a.Dim(1) != b.Dim(0) || c.Dim(0) != a.Dim(0) || c.Dim(1) != b.Dim(1))
            throw new TensorShapeException($"MatMul: {Shapes.Format(a.Shape)}·{Shapes.Format(b.Shape)} → {Shapes.Format(c.Shape)} does not fit.");
        if (c.Strides[1] != 1 && c.Dim(1) > 1) throw new ArgumentException("MatMul output must have unit column stride.", nameof(c));
        var (ta, la, at) = GemmOperand(a);
        var (tb, lb, bt) = GemmOperand(b);
        ReadOnlySpan<T> aa = at.Buffer.AsSpan(at.Offset), bb = bt.Buffer.AsSpan(bt.Offset);
        int m = a.Dim(0), n = b.Dim(1), k = a.Dim(1);
        int ldc = Math.Max(c.Strides[0], Math.Max(n, 1));
        var cs = c.Buffer.AsSpan(c.Offset);
        if (typeof(T) == typeof(float))
            Blas.Blas.Gemm(ta, tb, m, n, k, float.CreateTruncating(alpha), Cast<T, float>(aa), la, Cast<T, float>(bb), lb,
                float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(cs), ldc);
        else
            Blas.Blas.Gemm(ta, tb, m, n, k, double.CreateTruncating(alpha), Cast<T, double>(aa), la, Cast<T, double>(bb), lb,
                double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(cs), ldc);
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s) where TFrom : struct where TTo : struct => MemoryMarshal.Cast<TFrom, TTo>(s);

    private static (bool trans, int ld, Tensor<T> data) GemmOperand<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = x.Dim(0), cdim = x.Dim(1);
        if (x.Strides[1] == 1 || cdim == 1) return (false, Math.Max(Math.Max(x.Strides[0], cdim), 1), x);
        if (x.Strides[0] == 1 || r == 1) return (true, Math.Max(Math.Max(x.Strides[1], r), 1), x);
        return (false, Math.Max(cdim, 1), x.Contiguous());
    }

    /// <summary>Element-wise a + b (same shape).</summary>
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same("Add", a, b);
        var r = new Tensor<T>(a.Shape.ToArray());
        TensorPrimitives.Add<T>(a.Contiguous().Span, b.Contiguous().Span, r.Span);
        return r;
    }

    /// <summary>Element-wise a − b (same shape).</summary>
    public static Tensor<T> Subtract<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same("Subtract", a, b);
        var r = new Tensor<T>(a.Shape.ToArray());
        TensorPrimitives.Subtract<T>(a.Contiguous().Span, b.Contiguous().Span, r.Span);
        return r;
    }

    /// <summary>Element-wise (Hadamard) a ⊙ b (same shape).</summary>
    public static Tensor<T> Multiply<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same("Multiply", a, b);
        var r = new Tensor<T>(a.Shape.ToArray());
        TensorPrimitives.Multiply<T>(a.Contiguous().Span, b.Contiguous().Span, r.Span);
        return r;
    }

    /// <summary>s·a.</summary>
    public static Tensor<T> Scale<T>(Tensor<T> a, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Tensor<T>(a.Shape.ToArray());
        TensorPrimitives.Multiply<T>(a.Contiguous().Span, s, r.Span);
        return r;
    }

    /// <summary>y ← y + α·x in place (same shape, y packed).</summary>
    public static void AddScaledInPlace<T>(Tensor<T> y, Tensor<T> x, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same("AddScaledInPlace", y, x);
        TensorPrimitives.MultiplyAdd<T>(x.Contiguous().Span, alpha, y.Span, y.Span);
    }

    /// <summary>Σ of all elements.</summary>
    public static T Sum<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sum<T>(a.Contiguous().Span);

    /// <summary>Σ aᵢbᵢ.</summary>
    public static T Dot<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same("Dot", a, b);
        return TensorPrimitives.Dot<T>(a.Contiguous().Span, b.Contiguous().Span);
    }

    /// <summary>Euclidean (Frobenius) norm.</summary>
    public static T Norm<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Norm<T>(a.Contiguous().Span);

    /// <summary>max |aᵢ − bᵢ|.</summary>
    public static T MaxAbsDiff<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Same("MaxAbsDiff", a, b);
        var x = a.Contiguous().Span; var y = b.Contiguous().Span;
        T m = T.Zero;
        for (int i = 0; i < x.Length; i++) m = T.Max(m, T.Abs(x[i] - y[i]));
        return m;
    }

    /// <summary>Packed transpose copy of a matrix.</summary>
    public static Tensor<T> TransposeCopy<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => a.Transpose().Clone();

    private static void Same<T>(string op, Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.SameShape(b)) throw TensorShapeException.Mismatch(op, a.Shape, b.Shape);
    }
}
