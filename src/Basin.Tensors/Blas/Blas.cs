namespace Basin.Tensors.Blas;

/// <summary>
/// Entry point to Basin's GEMM providers. <see cref="Default"/> is the managed provider unless the environment
/// variable <c>BASIN_BLAS</c> names another (<c>managed</c> or <c>openblas</c>); naming one that is not available is an error.
/// </summary>
public static class Blas
{
    /// <summary>Name of the environment variable that selects the default provider.</summary>
    public const string EnvironmentVariable = "BASIN_BLAS";

    private static readonly Lazy<ManagedGemm> s_managed = new(() => new ManagedGemm());
    private static readonly Lazy<OpenBlasGemm?> s_openBlas = new(() => OpenBlasGemm.TryCreate(out var p, out _) ? p : null);
    private static IGemmProvider? s_default;

    /// <summary>The managed provider with the best kernel level of this CPU.</summary>
    public static ManagedGemm Managed => s_managed.Value;

    /// <summary>The OpenBLAS provider, or null when the library is not installed.</summary>
    public static OpenBlasGemm? OpenBlas => s_openBlas.Value;

    /// <summary>Every provider usable in this process, managed first.</summary>
    public static IReadOnlyList<IGemmProvider> Available =>
        OpenBlas is { } o ? [Managed, o] : [Managed];

    /// <summary>
    /// The provider <see cref="Gemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    /// forwards to. Initially chosen by <c>BASIN_BLAS</c>; settable.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>BASIN_BLAS</c> names an unknown or unavailable provider.</exception>
    public static IGemmProvider Default
    {
        get => s_default ??= FromName(Environment.GetEnvironmentVariable(EnvironmentVariable));
        set => s_default = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The provider called <paramref name="name"/> (<c>managed</c>, <c>openblas</c>; case-insensitive; null or empty means managed).
    /// </summary>
    /// <exception cref="InvalidOperationException">The name is unknown or the provider is not available.</exception>
    public static IGemmProvider FromName(string? name)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "managed":
                return Managed;
            case "openblas":
                if (OpenBlasGemm.TryCreate(out var p, out string reason)) return p!;
                throw new InvalidOperationException($"{EnvironmentVariable}=openblas selects OpenBLAS, but it is not available: {reason}");
            default:
                throw new InvalidOperationException($"{EnvironmentVariable}='{name}' names no GEMM provider; use 'managed' or 'openblas'.");
        }
    }

    /// <summary>
    /// <c>C ← α·op(A)·op(B) + β·C</c> in single precision on <see cref="Default"/>; see <see cref="IGemmProvider"/> for the layout.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is too small or a span too short.</exception>
    public static void Gemm(bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Default.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>
    /// <c>C ← α·op(A)·op(B) + β·C</c> in double precision on <see cref="Default"/>; see <see cref="IGemmProvider"/> for the layout.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is too small or a span too short.</exception>
    public static void Gemm(bool transA, bool transB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Default.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Densely packed <c>C ← A·B</c> (m×k times k×n) in single precision on <see cref="Default"/>.</summary>
    public static void MatMul(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        => Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);

    /// <summary>Densely packed <c>C ← A·B</c> (m×k times k×n) in double precision on <see cref="Default"/>.</summary>
    public static void MatMul(int m, int n, int k, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
        => Gemm(false, false, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
}
