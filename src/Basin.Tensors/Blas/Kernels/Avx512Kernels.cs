// Generated micro-kernels (one register tile per struct); edit the shapes in README.md's table, not by hand.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Basin.Tensors.Blas.Kernels;

/// <summary>
/// AVX-512 single-precision micro-kernel, 12 rows × 32 columns.
/// Computes the 12×32 tile <c>C ← α·Σ_p a[p]·b[p]ᵀ + β·C</c> from a packed A micro-panel (k × 12, row p holds A[i, p] for the tile's rows i)
/// and a packed B micro-panel (k × 32); 24 Vector512&lt;float&gt; accumulators stay in registers.
/// </summary>
internal readonly struct Avx512KernelF32 : IMicroKernel<float>
{
    public static int MR => 12;
    public static int NR => 32;
    public static int KC => 256;
    public static int MC => 396;
    public static int NC => 1024;
    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c0_0 = default; Vector512<float> c0_1 = default;
        Vector512<float> c1_0 = default; Vector512<float> c1_1 = default;
        Vector512<float> c2_0 = default; Vector512<float> c2_1 = default;
        Vector512<float> c3_0 = default; Vector512<float> c3_1 = default;
        Vector512<float> c4_0 = default; Vector512<float> c4_1 = default;
        Vector512<float> c5_0 = default; Vector512<float> c5_1 = default;
        Vector512<float> c6_0 = default; Vector512<float> c6_1 = default;
        Vector512<float> c7_0 = default; Vector512<float> c7_1 = default;
        Vector512<float> c8_0 = default; Vector512<float> c8_1 = default;
        Vector512<float> c9_0 = default; Vector512<float> c9_1 = default;
        Vector512<float> c10_0 = default; Vector512<float> c10_1 = default;
        Vector512<float> c11_0 = default; Vector512<float> c11_1 = default;

        for (nint p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Avx512F.FusedMultiplyAdd(a6, b1, c6_1);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Avx512F.FusedMultiplyAdd(a7, b1, c7_1);
            Vector512<float> a8 = Vector512.Create(a[8]);
            c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Avx512F.FusedMultiplyAdd(a8, b1, c8_1);
            Vector512<float> a9 = Vector512.Create(a[9]);
            c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Avx512F.FusedMultiplyAdd(a9, b1, c9_1);
            Vector512<float> a10 = Vector512.Create(a[10]);
            c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Avx512F.FusedMultiplyAdd(a10, b1, c10_1);
            Vector512<float> a11 = Vector512.Create(a[11]);
            c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Avx512F.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0)
        {
            Vector512.Store(va * c0_0, c + 0 * ldc + 0);
            Vector512.Store(va * c0_1, c + 0 * ldc + 16);
            Vector512.Store(va * c1_0, c + 1 * ldc + 0);
            Vector512.Store(va * c1_1, c + 1 * ldc + 16);
            Vector512.Store(va * c2_0, c + 2 * ldc + 0);
            Vector512.Store(va * c2_1, c + 2 * ldc + 16);
            Vector512.Store(va * c3_0, c + 3 * ldc + 0);
            Vector512.Store(va * c3_1, c + 3 * ldc + 16);
            Vector512.Store(va * c4_0, c + 4 * ldc + 0);
            Vector512.Store(va * c4_1, c + 4 * ldc + 16);
            Vector512.Store(va * c5_0, c + 5 * ldc + 0);
            Vector512.Store(va * c5_1, c + 5 * ldc + 16);
            Vector512.Store(va * c6_0, c + 6 * ldc + 0);
            Vector512.Store(va * c6_1, c + 6 * ldc + 16);
            Vector512.Store(va * c7_0, c + 7 * ldc + 0);
            Vector512.Store(va * c7_1, c + 7 * ldc + 16);
            Vector512.Store(va * c8_0, c + 8 * ldc + 0);
            Vector512.Store(va * c8_1, c + 8 * ldc + 16);
            Vector512.Store(va * c9_0, c + 9 * ldc + 0);
            Vector512.Store(va * c9_1, c + 9 * ldc + 16);
            Vector512.Store(va * c10_0, c + 10 * ldc + 0);
            Vector512.Store(va * c10_1, c + 10 * ldc + 16);
            Vector512.Store(va * c11_0, c + 11 * ldc + 0);
            Vector512.Store(va * c11_1, c + 11 * ldc + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c0_0, vb * Vector512.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c0_1, vb * Vector512.Load(c + 0 * ldc + 16)), c + 0 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c1_0, vb * Vector512.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c1_1, vb * Vector512.Load(c + 1 * ldc + 16)), c + 1 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c2_0, vb * Vector512.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c2_1, vb * Vector512.Load(c + 2 * ldc + 16)), c + 2 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c3_0, vb * Vector512.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c3_1, vb * Vector512.Load(c + 3 * ldc + 16)), c + 3 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c4_0, vb * Vector512.Load(c + 4 * ldc + 0)), c + 4 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c4_1, vb * Vector512.Load(c + 4 * ldc + 16)), c + 4 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c5_0, vb * Vector512.Load(c + 5 * ldc + 0)), c + 5 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c5_1, vb * Vector512.Load(c + 5 * ldc + 16)), c + 5 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c6_0, vb * Vector512.Load(c + 6 * ldc + 0)), c + 6 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c6_1, vb * Vector512.Load(c + 6 * ldc + 16)), c + 6 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c7_0, vb * Vector512.Load(c + 7 * ldc + 0)), c + 7 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c7_1, vb * Vector512.Load(c + 7 * ldc + 16)), c + 7 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c8_0, vb * Vector512.Load(c + 8 * ldc + 0)), c + 8 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c8_1, vb * Vector512.Load(c + 8 * ldc + 16)), c + 8 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c9_0, vb * Vector512.Load(c + 9 * ldc + 0)), c + 9 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c9_1, vb * Vector512.Load(c + 9 * ldc + 16)), c + 9 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c10_0, vb * Vector512.Load(c + 10 * ldc + 0)), c + 10 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c10_1, vb * Vector512.Load(c + 10 * ldc + 16)), c + 10 * ldc + 16);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c11_0, vb * Vector512.Load(c + 11 * ldc + 0)), c + 11 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c11_1, vb * Vector512.Load(c + 11 * ldc + 16)), c + 11 * ldc + 16);
        }
    }
}

/// <summary>
/// AVX-512 double-precision micro-kernel, 12 rows × 16 columns.
/// Computes the 12×16 tile <c>C ← α·Σ_p a[p]·b[p]ᵀ + β·C</c> from a packed A micro-panel (k × 12, row p holds A[i, p] for the tile's rows i)
/// and a packed B micro-panel (k × 16); 24 Vector512&lt;double&gt; accumulators stay in registers.
/// </summary>
internal readonly struct Avx512KernelF64 : IMicroKernel<double>
{
    public static int MR => 12;
    public static int NR => 16;
    public static int KC => 256;
    public static int MC => 192;
    public static int NC => 1024;
    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        Vector512<double> c0_0 = default; Vector512<double> c0_1 = default;
        Vector512<double> c1_0 = default; Vector512<double> c1_1 = default;
        Vector512<double> c2_0 = default; Vector512<double> c2_1 = default;
        Vector512<double> c3_0 = default; Vector512<double> c3_1 = default;
        Vector512<double> c4_0 = default; Vector512<double> c4_1 = default;
        Vector512<double> c5_0 = default; Vector512<double> c5_1 = default;
        Vector512<double> c6_0 = default; Vector512<double> c6_1 = default;
        Vector512<double> c7_0 = default; Vector512<double> c7_1 = default;
        Vector512<double> c8_0 = default; Vector512<double> c8_1 = default;
        Vector512<double> c9_0 = default; Vector512<double> c9_1 = default;
        Vector512<double> c10_0 = default; Vector512<double> c10_1 = default;
        Vector512<double> c11_0 = default; Vector512<double> c11_1 = default;

        for (nint p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.Load(b + 0);
            Vector512<double> b1 = Vector512.Load(b + 8);
            Vector512<double> a0 = Vector512.Create(a[0]);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
            Vector512<double> a1 = Vector512.Create(a[1]);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
            Vector512<double> a2 = Vector512.Create(a[2]);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
            Vector512<double> a3 = Vector512.Create(a[3]);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
            Vector512<double> a4 = Vector512.Create(a[4]);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
            Vector512<double> a5 = Vector512.Create(a[5]);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
            Vector512<double> a6 = Vector512.Create(a[6]);
            c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Avx512F.FusedMultiplyAdd(a6, b1, c6_1);
            Vector512<double> a7 = Vector512.Create(a[7]);
            c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Avx512F.FusedMultiplyAdd(a7, b1, c7_1);
            Vector512<double> a8 = Vector512.Create(a[8]);
            c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Avx512F.FusedMultiplyAdd(a8, b1, c8_1);
            Vector512<double> a9 = Vector512.Create(a[9]);
            c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Avx512F.FusedMultiplyAdd(a9, b1, c9_1);
            Vector512<double> a10 = Vector512.Create(a[10]);
            c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Avx512F.FusedMultiplyAdd(a10, b1, c10_1);
            Vector512<double> a11 = Vector512.Create(a[11]);
            c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Avx512F.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += 16;
        }

        Vector512<double> va = Vector512.Create(alpha);
        if (beta == 0)
        {
            Vector512.Store(va * c0_0, c + 0 * ldc + 0);
            Vector512.Store(va * c0_1, c + 0 * ldc + 8);
            Vector512.Store(va * c1_0, c + 1 * ldc + 0);
            Vector512.Store(va * c1_1, c + 1 * ldc + 8);
            Vector512.Store(va * c2_0, c + 2 * ldc + 0);
            Vector512.Store(va * c2_1, c + 2 * ldc + 8);
            Vector512.Store(va * c3_0, c + 3 * ldc + 0);
            Vector512.Store(va * c3_1, c + 3 * ldc + 8);
            Vector512.Store(va * c4_0, c + 4 * ldc + 0);
            Vector512.Store(va * c4_1, c + 4 * ldc + 8);
            Vector512.Store(va * c5_0, c + 5 * ldc + 0);
            Vector512.Store(va * c5_1, c + 5 * ldc + 8);
            Vector512.Store(va * c6_0, c + 6 * ldc + 0);
            Vector512.Store(va * c6_1, c + 6 * ldc + 8);
            Vector512.Store(va * c7_0, c + 7 * ldc + 0);
            Vector512.Store(va * c7_1, c + 7 * ldc + 8);
            Vector512.Store(va * c8_0, c + 8 * ldc + 0);
            Vector512.Store(va * c8_1, c + 8 * ldc + 8);
            Vector512.Store(va * c9_0, c + 9 * ldc + 0);
            Vector512.Store(va * c9_1, c + 9 * ldc + 8);
            Vector512.Store(va * c10_0, c + 10 * ldc + 0);
            Vector512.Store(va * c10_1, c + 10 * ldc + 8);
            Vector512.Store(va * c11_0, c + 11 * ldc + 0);
            Vector512.Store(va * c11_1, c + 11 * ldc + 8);
        }
        else
        {
            Vector512<double> vb = Vector512.Create(beta);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c0_0, vb * Vector512.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c0_1, vb * Vector512.Load(c + 0 * ldc + 8)), c + 0 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c1_0, vb * Vector512.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c1_1, vb * Vector512.Load(c + 1 * ldc + 8)), c + 1 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c2_0, vb * Vector512.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c2_1, vb * Vector512.Load(c + 2 * ldc + 8)), c + 2 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c3_0, vb * Vector512.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c3_1, vb * Vector512.Load(c + 3 * ldc + 8)), c + 3 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c4_0, vb * Vector512.Load(c + 4 * ldc + 0)), c + 4 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c4_1, vb * Vector512.Load(c + 4 * ldc + 8)), c + 4 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c5_0, vb * Vector512.Load(c + 5 * ldc + 0)), c + 5 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c5_1, vb * Vector512.Load(c + 5 * ldc + 8)), c + 5 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c6_0, vb * Vector512.Load(c + 6 * ldc + 0)), c + 6 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c6_1, vb * Vector512.Load(c + 6 * ldc + 8)), c + 6 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c7_0, vb * Vector512.Load(c + 7 * ldc + 0)), c + 7 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c7_1, vb * Vector512.Load(c + 7 * ldc + 8)), c + 7 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c8_0, vb * Vector512.Load(c + 8 * ldc + 0)), c + 8 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c8_1, vb * Vector512.Load(c + 8 * ldc + 8)), c + 8 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c9_0, vb * Vector512.Load(c + 9 * ldc + 0)), c + 9 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c9_1, vb * Vector512.Load(c + 9 * ldc + 8)), c + 9 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c10_0, vb * Vector512.Load(c + 10 * ldc + 0)), c + 10 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c10_1, vb * Vector512.Load(c + 10 * ldc + 8)), c + 10 * ldc + 8);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c11_0, vb * Vector512.Load(c + 11 * ldc + 0)), c + 11 * ldc + 0);
            Vector512.Store(Avx512F.FusedMultiplyAdd(va, c11_1, vb * Vector512.Load(c + 11 * ldc + 8)), c + 11 * ldc + 8);
        }
    }
}

