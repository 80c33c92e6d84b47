using Basin.Tensors.Blas;

namespace Basin.Tensors.Tests.Blas;

/// <summary>
/// One table of GEMM cases run against every available provider (managed with each kernel level this CPU has,
/// OpenBLAS when installed): f32 and f64, all transpose combinations, α ∈ {1, −0.5, 0}, β ∈ {0, 1, 0.3}
/// (β = 0 with NaN in C), leading dimensions with padding, and shapes straddling the register tiles and cache blocks.
/// </summary>
public sealed class GemmProviderTests
{
    private const double Sentinel = 7.25;

    /// <summary>m, n, k, padding of every leading dimension, and whether to run all nine (α, β) pairs.</summary>
    private static readonly (int M, int N, int K, int Pad, bool AllScalars)[] Shapes =
    [
        (0, 0, 0, 0, true), (0, 7, 5, 1, true), (6, 0, 5, 0, true), (5, 7, 0, 2, true),
        (1, 1, 1, 0, true), (1, 1, 1, 3, true), (2, 3, 5, 0, true), (7, 11, 13, 1, true),
        (12, 32, 16, 0, true),   // one AVX-512 f32 tile
        (13, 33, 31, 2, true),   // one past it
        (6, 16, 8, 0, true),     // one AVX2 f32 tile
        (5, 15, 17, 0, true),
        (37, 67, 97, 0, true),   // primes
        (24, 64, 256, 0, true),  // exactly one k block
        (25, 65, 257, 3, true),  // two k blocks
        (11, 7, 600, 0, true),   // three k blocks
        (397, 70, 40, 1, true),  // past the f32 MC (396) and AVX2 MC (144)
        (193, 30, 20, 0, true),  // past the f64 MC (192)
        (20, 1025, 12, 0, true), // past NC (1024)
        (400, 1030, 260, 0, false), // larger than a whole macro block in every dimension
    ];

    private static readonly (double Alpha, double Beta)[] AllScalars =
        [(1, 0), (1, 1), (1, 0.3), (-0.5, 0), (-0.5, 1), (-0.5, 0.3), (0, 0), (0, 1), (0, 0.3)];

    private static readonly (double Alpha, double Beta)[] FewScalars = [(1, 0), (-0.5, 0.3)];

    public static IEnumerable<object[]> Cases()
    {
        foreach (string provider in GemmProviders.Names())
            foreach (bool single in new[] { true, false })
                for (int t = 0; t < 4; t++)
                    for (int s = 0; s < Shapes.Length; s++)
                        if (provider != "managed-Scalar" || Shapes[s].AllScalars) // the slow fallback skips the largest shape
                            yield return [provider, single ? "f32" : "f64", (t & 2) != 0, (t & 1) != 0, s];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string provider, string precision, bool transA, bool transB, int shape)
    {
        var p = GemmProviders.Create(provider);
        var (m, n, k, pad, all) = Shapes[shape];
        bool single = precision == "f32";
        var r = GemmReference.Get(m, n, k, single);
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        double[] a = GemmReference.Store(r.A, m, k, transA, lda);
        double[] b = GemmReference.Store(r.B, k, n, transB, ldb);
        var rng = new Random(shape);
        double u = single ? Math.Pow(2, -24) : Math.Pow(2, -53);

        foreach (var (alpha0, beta0) in all ? AllScalars : FewScalars)
        {
            double alpha = single ? (float)alpha0 : alpha0, beta = single ? (float)beta0 : beta0;
            var c0 = new double[m * ldc];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < ldc; j++)
                    c0[i * ldc + j] = j >= n ? Sentinel : beta == 0 ? double.NaN : single ? (float)(rng.NextDouble() * 2 - 1) : rng.NextDouble() * 2 - 1;

            double[] c;
            if (single)
            {
                float[] cf = Array.ConvertAll(c0, x => (float)x);
                p.Gemm(transA, transB, m, n, k, (float)alpha, Array.ConvertAll(a, x => (float)x), lda,
                    Array.ConvertAll(b, x => (float)x), ldb, (float)beta, cf, ldc);
                c = Array.ConvertAll(cf, x => (double)x);
            }
            else
            {
                c = (double[])c0.Clone();
                p.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            }

            for (int i = 0; i < m; i++)
                for (int j = 0; j < ldc; j++)
                {
                    double got = c[i * ldc + j];
                    if (j >= n)
                    {
                        Assert.True(got == Sentinel, $"{provider} wrote C padding at ({i}, {j}); α={alpha}, β={beta}");
                        continue;
                    }
                    double old = beta == 0 ? 0 : c0[i * ldc + j];
                    double expected = alpha * r.P[i * n + j] + beta * old;
                    double tol = 3 * (k + 2) * u * (Math.Abs(alpha) * r.AbsP[i * n + j] + Math.Abs(beta * old)) + 1e-300;
                    if (!(Math.Abs(got - expected) <= tol))
                        Assert.Fail($"{provider} {precision} tA={transA} tB={transB} {m}×{n}×{k} pad {pad} α={alpha} β={beta}: " +
                                    $"C[{i},{j}] = {got}, expected {expected} ± {tol}");
                }
        }
    }

    public static IEnumerable<object[]> ProviderNames() => GemmProviders.Names().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public void AlphaZeroReadsNeitherAnorB(string provider)
    {
        var p = GemmProviders.Create(provider);
        float[] a = [float.NaN, float.NaN, float.NaN, float.NaN], b = [float.NaN, 1, 2, 3];
        float[] c = [1, 2, 3, 4];
        p.Gemm(false, false, 2, 2, 2, 0f, a, 2, b, 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1, 1.5f, 2], c);
        double[] cd = [double.NaN, 2, 3, 4];
        p.Gemm(true, true, 2, 2, 2, 0.0, [double.NaN, 0, 0, 0], 2, [0.0, 0, 0, 0], 2, 0.0, cd, 2);
        Assert.Equal([0.0, 0, 0, 0], cd);
    }

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public void RejectsMalformedArguments(string provider)
    {
        var p = GemmProviders.Create(provider);
        float[] a = new float[12], b = new float[12], c = new float[12];
        AssertArg("m", () => p.Gemm(false, false, -1, 3, 4, 1f, a, 4, b, 3, 0f, c, 3));
        AssertArg("k", () => p.Gemm(false, false, 3, 3, -4, 1f, a, 4, b, 3, 0f, c, 3));
        AssertArg("lda", () => p.Gemm(false, false, 3, 3, 4, 1f, a, 3, b, 3, 0f, c, 3));
        AssertArg("lda", () => p.Gemm(true, false, 3, 3, 4, 1f, a, 2, b, 3, 0f, c, 3));
        AssertArg("ldb", () => p.Gemm(false, true, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 3));
        AssertArg("ldc", () => p.Gemm(false, false, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 2));
        AssertArg("a", () => p.Gemm(false, false, 3, 3, 4, 1f, a.AsSpan(0, 11), 4, b, 3, 0f, c, 3));
        AssertArg("b", () => p.Gemm(false, false, 3, 3, 4, 1f, a, 4, b.AsSpan(0, 11), 3, 0f, c, 3));
        AssertArg("c", () => p.Gemm(false, false, 3, 3, 4, 1.0, new double[12], 4, new double[12], 3, 0.0, new double[8], 3));
        var ex = Assert.Throws<ArgumentException>(() => p.Gemm(false, false, 3, 3, 4, 1f, a, 5, b, 3, 0f, c, 3));
        Assert.Contains("needs at least 14", ex.Message);
    }

    private static void AssertArg(string param, Action call)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(param, ex.ParamName);
    }
}
