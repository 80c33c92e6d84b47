using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>Copy and accumulate between tensors of equal shape and arbitrary strides (views from Slice/Transpose).</summary>
internal static class Strided
{
    /// <summary>dst += src element-wise.</summary>
    public static void Accumulate<T>(Tensor<T> dst, Tensor<T> src) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!dst.SameShape(src)) throw new TensorShapeException($"Accumulate: shapes {Shapes.Format(dst.Shape)} and {Shapes.Format(src.Shape)} do not match.");
        if (dst.IsContiguous && src.IsContiguous)
        {
            TensorPrimitives.Add<T>(dst.Span, src.Span, dst.Span);
            return;
        }
        Walk(dst, src, add: true);
    }

    /// <summary>dst ← src element-wise.</summary>
    public static void Copy<T>(Tensor<T> src, Tensor<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!dst.SameShape(src)) throw new TensorShapeException($"Copy: shapes {Shapes.Format(src.Shape)} and {Shapes.Format(dst.Shape)} do not match.");
        if (dst.IsContiguous && src.IsContiguous)
        {
            src.Span.CopyTo(dst.Span);
            return;
        }
        Walk(dst, src, add: false);
    }

    private static void Walk<T>(Tensor<T> dst, Tensor<T> src, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dst.Length == 0) return;
        int r = dst.Rank;
        if (r == 0)
        {
            dst.Buffer[dst.Offset] = add ? dst.Buffer[dst.Offset] + src.Buffer[src.Offset] : src.Buffer[src.Offset];
            return;
        }
        var shape = dst.Shape;
        var ds = dst.Strides;
        var ss = src.Strides;
        int inner = shape[r - 1], dsi = ds[r - 1], ssi = ss[r - 1];
        int rows = dst.Length / inner;
        Span<int> idx = stackalloc int[r];
        int dOff = dst.Offset, sOff = src.Offset;
        T[] db = dst.Buffer, sb = src.Buffer;
        for (int row = 0; row < rows; row++)
        {
            if (add) for (int j = 0; j < inner; j++) db[dOff + j * dsi] += sb[sOff + j * ssi];
            else for (int j = 0; j < inner; j++) db[dOff + j * dsi] = sb[sOff + j * ssi];
            for (int ax = r - 2; ax >= 0; ax--)
            {
                idx[ax]++; dOff += ds[ax]; sOff += ss[ax];
                if (idx[ax] < shape[ax]) break;
                dOff -= idx[ax] * ds[ax]; sOff -= idx[ax] * ss[ax]; idx[ax] = 0;
            }
        }
    }

    /// <summary>Splits a shape at <paramref name="axis"/> into (outer, extent, inner) so that packed index = (o·n + k)·inner + i.</summary>
    public static (int outer, int n, int inner) Split(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape[axis], inner);
    }

    /// <summary>Normalises a possibly negative axis for rank <paramref name="rank"/>.</summary>
    public static int Axis(string op, int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank) throw new TensorShapeException($"{op}: axis {axis} is out of range for rank {rank}.");
        return a;
    }
}
