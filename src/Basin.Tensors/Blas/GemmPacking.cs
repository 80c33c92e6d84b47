using System.Numerics;
using System.Runtime.CompilerServices;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panel layouts the kernel <typeparamref name="TK"/> reads:
/// an mc×kc block of op(A) becomes ⌈mc/MR⌉ panels with <c>dst[p·MR + i] = op(A)[i, p]</c>, and a kc×nc block of op(B)
/// becomes ⌈nc/NR⌉ panels with <c>dst[p·NR + j] = op(B)[p, j]</c>; rows and columns past the edge are zero.
/// Transposition is resolved here, so the kernels see one layout.
/// </summary>
internal static unsafe class GemmPacking<T, TK>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : IMicroKernel<T>
{
    /// <summary>Packs rows [i0, i0+mc) and depth [p0, p0+kc) of op(A) into <paramref name="dst"/>.</summary>
    public static void PackA(in GemmProblem<T> pr, int i0, int p0, int mc, int kc, T* dst)
    {
        int mr = TK.MR;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = dst + (nint)ir * kc;
            if (pr.TransA)
            {
                T* src = pr.A + (nint)p0 * pr.Lda + i0 + ir;
                if (rows == mr) CopyRows(src, pr.Lda, panel, kc);
                else CopyRowsPartial(src, pr.Lda, panel, kc, rows, mr);
            }
            else
            {
                T* src = pr.A + (nint)(i0 + ir) * pr.Lda + p0;
                if (rows == mr) TransposeFull(src, pr.Lda, panel, kc, mr);
                else TransposePartial(src, pr.Lda, panel, kc, rows, mr);
            }
        }
    }

    /// <summary>Packs depth [p0, p0+kc) and columns [j0, j0+nc) of op(B) into <paramref name="dst"/>.</summary>
    public static void PackB(in GemmProblem<T> pr, int p0, int j0, int kc, int nc, T* dst)
    {
        int nr = TK.NR;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* panel = dst + (nint)jr * kc;
            if (pr.TransB)
            {
                T* src = pr.B + (nint)(j0 + jr) * pr.Ldb + p0;
                if (cols == nr) TransposeFull(src, pr.Ldb, panel, kc, nr);
                else TransposePartial(src, pr.Ldb, panel, kc, cols, nr);
            }
            else
            {
                T* src = pr.B + (nint)p0 * pr.Ldb + j0 + jr;
                if (cols == nr) CopyRowsB(src, pr.Ldb, panel, kc);
                else CopyRowsPartial(src, pr.Ldb, panel, kc, cols, nr);
            }
        }
    }

    /// <summary><c>dst[p·MR + i] = src[p·ld + i]</c> for a full panel of width MR.</summary>
    private static void CopyRows(T* src, nint ld, T* dst, int kc)
    {
        uint bytes = (uint)(TK.MR * sizeof(T));
        for (int p = 0; p < kc; p++)
        {
            Unsafe.CopyBlockUnaligned(dst, src, bytes);
            src += ld;
            dst += TK.MR;
        }
    }

    /// <summary><c>dst[p·NR + j] = src[p·ld + j]</c> for a full panel of width NR.</summary>
    private static void CopyRowsB(T* src, nint ld, T* dst, int kc)
    {
        uint bytes = (uint)(TK.NR * sizeof(T));
        for (int p = 0; p < kc; p++)
        {
            Unsafe.CopyBlockUnaligned(dst, src, bytes);
            src += ld;
            dst += TK.NR;
        }
    }

    /// <summary><c>dst[p·width + i] = src[p·ld + i]</c> for i &lt; count, zero for count ≤ i &lt; width.</summary>
    private static void CopyRowsPartial(T* src, nint ld, T* dst, int kc, int count, int width)
    {
        for (int p = 0; p < kc; p++)
        {
            int i = 0;
            for (; i < count; i++) dst[i] = src[i];
            for (; i < width; i++) dst[i] = T.Zero;
            src += ld;
            dst += width;
        }
    }

    /// <summary><c>dst[p·width + i] = src[i·ld + p]</c> for all i &lt; width.</summary>
    private static void TransposeFull(T* src, nint ld, T* dst, int kc, int width)
    {
        for (int i = 0; i < width; i++)
        {
            T* s = src + i * ld;
            T* d = dst + i;
            int p = 0;
            for (; p + 4 <= kc; p += 4)
            {
                d[0] = s[p];
                d[width] = s[p + 1];
                d[2 * width] = s[p + 2];
                d[3 * width] = s[p + 3];
                d += 4 * width;
            }
            for (; p < kc; p++)
            {
                *d = s[p];
                d += width;
            }
        }
    }

    /// <summary><c>dst[p·width + i] = src[i·ld + p]</c> for i &lt; count, zero for count ≤ i &lt; width.</summary>
    private static void TransposePartial(T* src, nint ld, T* dst, int kc, int count, int width)
    {
        for (int p = 0; p < kc; p++)
        {
            int i = 0;
            for (; i < count; i++) dst[i] = src[i * ld + p];
            for (; i < width; i++) dst[i] = T.Zero;
            dst += width;
        }
    }
}
