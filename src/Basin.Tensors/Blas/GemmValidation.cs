namespace Basin.Tensors.Blas;

/// <summary>
/// Argument checks shared by every provider: dimensions ≥ 0, leading dimensions at least the stored row length,
/// and spans long enough for the last stored element, <c>(rows − 1)·ld + cols</c>.
/// </summary>
public static class GemmValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the offending argument when the call is not well-formed.</summary>
    public static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "GEMM dimension m must be ≥ 0.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "GEMM dimension n must be ≥ 0.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "GEMM dimension k must be ≥ 0.");
        CheckOperand("a", "lda", transA ? k : m, transA ? m : k, lda, aLength, transA ? "k×m (transA)" : "m×k");
        CheckOperand("b", "ldb", transB ? n : k, transB ? k : n, ldb, bLength, transB ? "n×k (transB)" : "k×n");
        CheckOperand("c", "ldc", m, n, ldc, cLength, "m×n");
    }

    private static void CheckOperand(string name, string ldName, int rows, int cols, int ld, int length, string shape)
    {
        if (ld < cols)
            throw new ArgumentOutOfRangeException(ldName, ld,
                $"Leading dimension {ldName} = {ld} is smaller than the row length {cols} of {name}, stored {shape} = {rows}×{cols}.");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException(
                $"Span {name} has {length} elements but {shape} = {rows}×{cols} with {ldName} = {ld} needs at least {needed}.", name);
    }
}
