// Generated micro-kernels (one register tile per struct); edit the shapes in README.md's table, not by hand.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Basin.Tensors.Blas.Kernels;

/// <summary>
/// AVX2 + FMA single-precision micro-kernel, 6 rows × 16 columns.
/// Computes the 6×16 tile <c>C ← α·Σ_p a[p]·b[p]ᵀ + β·C</c> from a packed A micro-panel (k × 6, row p holds A[i, p] for the tile's rows i)
/// and a packed B micro-panel (k × 16); 12 Vector256&lt;float&gt; accumulators stay in registers.
/// </summary>
internal readonly struct Avx2KernelF32 : IMicroKernel<float>
{
    public static int MR => 6;
    public static int NR => 16;
    public static int KC => 256;
    public static int MC => 144;
    public static int NC => 1024;
    public static bool IsSupported => Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c0_0 = default; Vector256<float> c0_1 = default;
        Vector256<float> c1_0 = default; Vector256<float> c1_1 = default;
        Vector256<float> c2_0 = default; Vector256<float> c2_1 = default;
        Vector256<float> c3_0 = default; Vector256<float> c3_1 = default;
        Vector256<float> c4_0 = default; Vector256<float> c4_1 = default;
        Vector256<float> c5_0 = default; Vector256<float> c5_1 = default;

        for (nint p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b + 0);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
            c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c4_0 = Fma.MultiplyAdd(a4, b0, c4_0);
            c4_1 = Fma.MultiplyAdd(a4, b1, c4_1);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c5_0 = Fma.MultiplyAdd(a5, b0, c5_0);
            c5_1 = Fma.MultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0)
        {
            Vector256.Store(va * c0_0, c + 0 * ldc + 0);
            Vector256.Store(va * c0_1, c + 0 * ldc + 8);
            Vector256.Store(va * c1_0, c + 1 * ldc + 0);
            Vector256.Store(va * c1_1, c + 1 * ldc + 8);
            Vector256.Store(va * c2_0, c + 2 * ldc + 0);
            Vector256.Store(va * c2_1, c + 2 * ldc + 8);
            Vector256.Store(va * c3_0, c + 3 * ldc + 0);
            Vector256.Store(va * c3_1, c + 3 * ldc + 8);
            Vector256.Store(va * c4_0, c + 4 * ldc + 0);
            Vector256.Store(va * c4_1, c + 4 * ldc + 8);
            Vector256.Store(va * c5_0, c + 5 * ldc + 0);
            Vector256.Store(va * c5_1, c + 5 * ldc + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Vector256.Store(Fma.MultiplyAdd(va, c0_0, vb * Vector256.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c0_1, vb * Vector256.Load(c + 0 * ldc + 8)), c + 0 * ldc + 8);
            Vector256.Store(Fma.MultiplyAdd(va, c1_0, vb * Vector256.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c1_1, vb * Vector256.Load(c + 1 * ldc + 8)), c + 1 * ldc + 8);
            Vector256.Store(Fma.MultiplyAdd(va, c2_0, vb * Vector256.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c2_1, vb * Vector256.Load(c + 2 * ldc + 8)), c + 2 * ldc + 8);
            Vector256.Store(Fma.MultiplyAdd(va, c3_0, vb * Vector256.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c3_1, vb * Vector256.Load(c + 3 * ldc + 8)), c + 3 * ldc + 8);
            Vector256.Store(Fma.MultiplyAdd(va, c4_0, vb * Vector256.Load(c + 4 * ldc + 0)), c + 4 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c4_1, vb * Vector256.Load(c + 4 * ldc + 8)), c + 4 * ldc + 8);
            Vector256.Store(Fma.MultiplyAdd(va, c5_0, vb * Vector256.Load(c + 5 * ldc + 0)), c + 5 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c5_1, vb * Vector256.Load(c + 5 * ldc + 8)), c + 5 * ldc + 8);
        }
    }
}

/// <summary>
/// AVX2 + FMA double-precision micro-kernel, 6 rows × 8 columns.
/// Computes the 6×8 tile <c>C ← α·Σ_p a[p]·b[p]ᵀ + β·C</c> from a packed A micro-panel (k × 6, row p holds A[i, p] for the tile's rows i)
/// and a packed B micro-panel (k × 8); 12 Vector256&lt;double&gt; accumulators stay in registers.
/// </summary>
internal readonly struct Avx2KernelF64 : IMicroKernel<double>
{
    public static int MR => 6;
    public static int NR => 8;
    public static int KC => 256;
    public static int MC => 144;
    public static int NC => 1024;
    public static bool IsSupported => Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        Vector256<double> c0_0 = default; Vector256<double> c0_1 = default;
        Vector256<double> c1_0 = default; Vector256<double> c1_1 = default;
        Vector256<double> c2_0 = default; Vector256<double> c2_1 = default;
        Vector256<double> c3_0 = default; Vector256<double> c3_1 = default;
        Vector256<double> c4_0 = default; Vector256<double> c4_1 = default;
        Vector256<double> c5_0 = default; Vector256<double> c5_1 = default;

        for (nint p = 0; p < kc; p++)
        {
            Vector256<double> b0 = Vector256.Load(b + 0);
            Vector256<double> b1 = Vector256.Load(b + 4);
            Vector256<double> a0 = Vector256.Create(a[0]);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
            Vector256<double> a1 = Vector256.Create(a[1]);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
            Vector256<double> a2 = Vector256.Create(a[2]);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
            Vector256<double> a3 = Vector256.Create(a[3]);
            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
            c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
            Vector256<double> a4 = Vector256.Create(a[4]);
            c4_0 = Fma.MultiplyAdd(a4, b0, c4_0);
            c4_1 = Fma.MultiplyAdd(a4, b1, c4_1);
            Vector256<double> a5 = Vector256.Create(a[5]);
            c5_0 = Fma.MultiplyAdd(a5, b0, c5_0);
            c5_1 = Fma.MultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 8;
        }

        Vector256<double> va = Vector256.Create(alpha);
        if (beta == 0)
        {
            Vector256.Store(va * c0_0, c + 0 * ldc + 0);
            Vector256.Store(va * c0_1, c + 0 * ldc + 4);
            Vector256.Store(va * c1_0, c + 1 * ldc + 0);
            Vector256.Store(va * c1_1, c + 1 * ldc + 4);
            Vector256.Store(va * c2_0, c + 2 * ldc + 0);
            Vector256.Store(va * c2_1, c + 2 * ldc + 4);
            Vector256.Store(va * c3_0, c + 3 * ldc + 0);
            Vector256.Store(va * c3_1, c + 3 * ldc + 4);
            Vector256.Store(va * c4_0, c + 4 * ldc + 0);
            Vector256.Store(va * c4_1, c + 4 * ldc + 4);
            Vector256.Store(va * c5_0, c + 5 * ldc + 0);
            Vector256.Store(va * c5_1, c + 5 * ldc + 4);
        }
        else
        {
            Vector256<double> vb = Vector256.Create(beta);
            Vector256.Store(Fma.MultiplyAdd(va, c0_0, vb * Vector256.Load(c + 0 * ldc + 0)), c + 0 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c0_1, vb * Vector256.Load(c + 0 * ldc + 4)), c + 0 * ldc + 4);
            Vector256.Store(Fma.MultiplyAdd(va, c1_0, vb * Vector256.Load(c + 1 * ldc + 0)), c + 1 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c1_1, vb * Vector256.Load(c + 1 * ldc + 4)), c + 1 * ldc + 4);
            Vector256.Store(Fma.MultiplyAdd(va, c2_0, vb * Vector256.Load(c + 2 * ldc + 0)), c + 2 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c2_1, vb * Vector256.Load(c + 2 * ldc + 4)), c + 2 * ldc + 4);
            Vector256.Store(Fma.MultiplyAdd(va, c3_0, vb * Vector256.Load(c + 3 * ldc + 0)), c + 3 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c3_1, vb * Vector256.Load(c + 3 * ldc + 4)), c + 3 * ldc + 4);
            Vector256.Store(Fma.MultiplyAdd(va, c4_0, vb * Vector256.Load(c + 4 * ldc + 0)), c + 4 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c4_1, vb * Vector256.Load(c + 4 * ldc + 4)), c + 4 * ldc + 4);
            Vector256.Store(Fma.MultiplyAdd(va, c5_0, vb * Vector256.Load(c + 5 * ldc + 0)), c + 5 * ldc + 0);
            Vector256.Store(Fma.MultiplyAdd(va, c5_1, vb * Vector256.Load(c + 5 * ldc + 4)), c + 5 * ldc + 4);
        }
    }
}

