using System.Numerics;
using System.Numerics.Tensors;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>Conversions and small row-major kernels shared by the decompositions (all double precision).</summary>
internal static class RowMajor
{
    /// <summary>A packed row-major double copy of a matrix of any element type or layout.</summary>
    public static double[] ToDoubleArray<T>(Tensor<T> a, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2) throw new TensorShapeException($"{op}: expected a matrix, got shape {Shapes.Format(a.Shape)}.");
        if (typeof(T) == typeof(double)) return (double[])(object)a.ToArray();
        var src = a.Contiguous().Span;
        var r = new double[src.Length];
        for (int i = 0; i < r.Length; i++) r[i] = double.CreateTruncating(src[i]);
        return r;
    }

    /// <summary>Wraps a packed row-major double array as a tensor of <typeparamref name="T"/> (no copy for double).</summary>
    public static Tensor<T> FromDoubleArray<T>(double[] data, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)new Tensor<double>(data, shape);
        var t = new Tensor<T>(shape);
        var d = t.Span;
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(data[i]);
        return t;
    }

    /// <summary>Requires a square matrix and returns its order.</summary>
    public static int RequireSquare<T>(Tensor<T> a, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2 || a.Dim(0) != a.Dim(1))
            throw new TensorShapeException($"{op}: expected a square matrix, got shape {Shapes.Format(a.Shape)}.");
        return a.Dim(0);
    }

    /// <summary>y ← y − s·x.</summary>
    public static void SubtractScaled(Span<double> y, double s, ReadOnlySpan<double> x) => TensorPrimitives.MultiplyAdd(x, -s, y, y);

    /// <summary>Row-major transpose: dst (cols×rows) ← srcᵀ, blocked for cache reuse.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> src, int rows, int cols, Span<T> dst)
    {
        const int B = 32;
        for (int i0 = 0; i0 < rows; i0 += B)
            for (int j0 = 0; j0 < cols; j0 += B)
            {
                int i1 = Math.Min(rows, i0 + B), j1 = Math.Min(cols, j0 + B);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++)
                        dst[j * rows + i] = src[i * cols + j];
            }
    }

    /// <summary>max |Cᵢⱼ| over a packed matrix, used for relative tolerances.</summary>
    public static double MaxAbs(ReadOnlySpan<double> a) => a.IsEmpty ? 0 : TensorPrimitives.MaxMagnitude(a) is var m ? Math.Abs(m) : 0;
}
