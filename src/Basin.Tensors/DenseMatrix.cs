namespace Basin.Tensors;

/// <summary>Helpers for packed row-major matrices held in spans.</summary>
public static class DenseMatrix
{
    /// <summary>dst (cols×rows) ← srcᵀ for a packed row-major <paramref name="rows"/>×<paramref name="cols"/> source, blocked for cache reuse.</summary>
    /// <exception cref="ArgumentException">A span is shorter than rows × cols or the two overlap in place.</exception>
    public static void Transpose<T>(ReadOnlySpan<T> src, int rows, int cols, Span<T> dst) where T : unmanaged
    {
        long len = (long)rows * cols;
        if (rows < 0 || cols < 0 || src.Length < len || dst.Length < len)
            throw new ArgumentException($"Transpose of {rows}×{cols} needs {len} values in and out, got {src.Length} and {dst.Length}.");
        if (src.Overlaps(dst)) throw new ArgumentException("Transpose cannot run in place.");
        LinearAlgebra.RowMajor.Transpose(src, rows, cols, dst);
    }
}
