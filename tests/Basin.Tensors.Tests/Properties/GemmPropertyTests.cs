using System.Numerics;
using Basin.Tensors.Blas;
using Basin.Tensors.Tests.Blas;
using CsCheck;

namespace Basin.Tensors.Tests.Properties;

/// <summary>
/// Property (issue 28 §3): the managed GEMM <c>C ← α·op(A)·op(B) + β·C</c> agrees with the naive reference over random
/// shapes (0 … 80, deep k up to 600 past the kc block), transposes, leading dimensions (padding holds NaN in A and B, so
/// reading it poisons the result, and a sentinel in C that must stay untouched), α, β (β = 0 with NaN in C: C is not read),
/// every supported kernel and 1 or 2 threads, in float32 and float64.
/// Accepted error per element (Higham, Accuracy and Stability of Numerical Algorithms, 2002, §3.5, inner products):
/// |C − C_ref| ≤ 2·(k + 3)·u·(|α|·(|op(A)|·|op(B)|) + |β|·|C₀|) + (k + 3)·η, u = 2⁻²⁴ or 2⁻⁵³, η the smallest subnormal (a tiny α underflows) (the factor 2 covers the
/// reference's own rounding in float64).
/// </summary>
public sealed class GemmPropertyTests
{
    public sealed record GemmCase(int M, int N, int K, bool TransA, bool TransB, int PadA, int PadB, int PadC,
        double Alpha, double Beta, GemmKernel Kernel, int Threads, int Seed);

    private static readonly GemmKernel[] Kernels = new[] { GemmKernel.Avx512, GemmKernel.Avx2, GemmKernel.Scalar }.Where(ManagedGemm.IsSupported).ToArray();

    private static readonly Gen<int> Dim = Gen.Frequency((6, Gen.Int[0, 20]), (3, Gen.Int[0, 80]));

    private static readonly Gen<GemmCase> Case =
        from m in Dim
        from n in Dim
        from k in Gen.Frequency((8, Dim), (1, Gen.Int[250, 600]))
        from ta in Gen.Bool
        from tb in Gen.Bool
        from pads in Gen.Int[0, 3].Array[3]
        from alpha in Gen.OneOf(Gen.Const(1.0), Gen.Const(0.0), Gen.Const(-1.0), Gen.Double[-2, 2])
        from beta in Gen.OneOf(Gen.Const(0.0), Gen.Const(1.0), Gen.Double[-2, 2])
        from kernel in Gen.OneOf(Kernels)
        from threads in Gen.Int[1, 2]
        from seed in Gen.Int
        select new GemmCase(m, n, k, ta, tb, pads[0], pads[1], pads[2], alpha, beta, kernel, threads, seed);

    private static void Check<T>(GemmCase c, double unitRoundoff, double eta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(c.Seed);
        double R() => double.CreateTruncating(T.CreateTruncating(rng.NextDouble() * 2 - 1));
        var a = Enumerable.Range(0, c.M * c.K).Select(_ => R()).ToArray();     // op(A), m×k
        var b = Enumerable.Range(0, c.K * c.N).Select(_ => R()).ToArray();     // op(B), k×n
        var c0 = Enumerable.Range(0, c.M * c.N).Select(_ => R()).ToArray();
        T alpha = T.CreateTruncating(c.Alpha), beta = T.CreateTruncating(c.Beta);
        int lda = (c.TransA ? c.M : c.K) + c.PadA, ldb = (c.TransB ? c.K : c.N) + c.PadB, ldc = c.N + c.PadC;
        var sa = GemmReference.Store(a, c.M, c.K, c.TransA, lda).Select(T.CreateTruncating).ToArray();
        var sb = GemmReference.Store(b, c.K, c.N, c.TransB, ldb).Select(T.CreateTruncating).ToArray();
        T sentinel = T.CreateTruncating(12345.0);
        var sc = new T[c.M == 0 || c.N == 0 ? 0 : (c.M - 1) * ldc + c.N];
        Array.Fill(sc, sentinel);
        for (int i = 0; i < c.M; i++)
            for (int j = 0; j < c.N; j++) sc[i * ldc + j] = c.Beta == 0 ? T.NaN : T.CreateTruncating(c0[i * c.N + j]);

        var gemm = new ManagedGemm(c.Kernel) { MaxThreads = c.Threads };
        if (typeof(T) == typeof(float))
            gemm.Gemm(c.TransA, c.TransB, c.M, c.N, c.K, (float)(object)alpha, (float[])(object)sa, lda, (float[])(object)sb, ldb, (float)(object)beta, (float[])(object)sc, ldc);
        else
            gemm.Gemm(c.TransA, c.TransB, c.M, c.N, c.K, (double)(object)alpha, (double[])(object)sa, lda, (double[])(object)sb, ldb, (double)(object)beta, (double[])(object)sc, ldc);

        double al = double.CreateTruncating(alpha), be = double.CreateTruncating(beta);
        for (int i = 0; i < c.M; i++)
            for (int j = 0; j < c.N; j++)
            {
                double p = 0, ap = 0;
                for (int l = 0; l < c.K; l++) { p += a[i * c.K + l] * b[l * c.N + j]; ap += Math.Abs(a[i * c.K + l] * b[l * c.N + j]); }
                double cOld = c.Beta == 0 ? 0 : c0[i * c.N + j];
                double want = al * p + be * cOld;
                double bound = 2 * (c.K + 3) * unitRoundoff * (Math.Abs(al) * ap + Math.Abs(be * cOld)) + (c.K + 3) * eta;
                double got = double.CreateTruncating(sc[i * ldc + j]);
                if (!(Math.Abs(got - want) <= bound))
                    throw new Exception($"C[{i},{j}] = {got:R}, reference {want:R}, error {Math.Abs(got - want):E2} > bound {bound:E2}");
            }
        for (int i = 0; i < sc.Length; i++)
            if (i % ldc >= c.N && !sc[i].Equals(sentinel)) throw new Exception($"padding of C at {i} (row {i / ldc}, column {i % ldc}) was written");
    }

    [Fact]
    public void SingleMatchesTheReference() => Case.Sample(c => Check<float>(c, Math.ScaleB(1, -24), float.Epsilon), iter: 1500);

    [Fact]
    public void DoubleMatchesTheReference() => Case.Sample(c => Check<double>(c, Math.ScaleB(1, -53), double.Epsilon), iter: 1500);
}
