using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// Partial-pivoting LU of one panel — columns [c0, c1) over rows [c0, n) of a packed row-major n×n array — by recursive
/// halving of its columns (Toledo, SIAM J. Matrix Anal. Appl. 18 (1997); LAPACK's <c>dgetrf2</c>): factor the left half,
/// solve for the right half's block of U (U12 ← L11⁻¹·A12), update the rows below (A22 ← A22 − L21·U12), factor the right
/// half. Halves are multiples of <see cref="BaseWidth"/> columns; a base block of at most that many columns is eliminated
/// column by column, with the search for the next column's pivot fused into the update of the rows below (one pass over
/// the rows per column instead of two, the second a strided walk down the column). Row interchanges swap whole rows.
/// Every update is y ← fma(−l, u, y). Generic in the element type: float and double share the code, with vectors of
/// <see cref="Vector512{T}.Count"/> lanes (8 doubles or 16 floats) and base blocks of one vector's width. Compared with
/// the row-by-row elimination it replaces, the per-row work no longer
/// goes through a call per short row, and most of the panel's flops run in a register-blocked multi-column update.
/// </summary>
internal static unsafe class LuPanel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly int W512 = Vector512<T>.Count, W256 = Vector256<T>.Count;

    /// <summary>Columns of a base block: one 512-bit vector (8 doubles, 16 floats).</summary>
    public static readonly int BaseWidth = W512;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c) => typeof(T) == typeof(double)
        ? Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
        : Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c) => typeof(T) == typeof(double)
        ? Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
        : Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    /// <summary>Factors the panel in place; returns det of its row interchanges (±1).</summary>
    /// <exception cref="SingularMatrixException">A pivot's magnitude is at or below <paramref name="tol"/>.</exception>
    public static int Factor(T* a, int n, int c0, int c1, int* perm, T tol)
    {
        int w = c1 - c0;
        if (w <= BaseWidth) return FactorBase(a, n, c0, c1, perm, tol);
        int h = (w / 2 + BaseWidth - 1) / BaseWidth * BaseWidth;
        int sign = Factor(a, n, c0, c0 + h, perm, tol);
        int m = c0 + h;
        SolveUnitLowerBlock(a, n, c0, m, a + m, n, c1 - m);   // U12 ← L11⁻¹·A12 on columns [m, c1)
        UpdateRows(a, n, m, c0, m, c1);
        return sign * Factor(a, n, m, c1, perm, tol);
    }

    /// <summary>
    /// Rows [r0, n): A[i, k1..c1) ← A[i, k1..c1) − Σ_{j∈[k0,k1)} A[i, j]·A[j, k1..c1), the update of the rows below a
    /// factored block by its multipliers and its block of U. With 512-bit vectors, up to 32 columns are held in four
    /// registers per row while the k1 − k0 multipliers stream past.
    /// </summary>
    public static void UpdateRows(T* a, int n, int r0, int k0, int k1, int c1)
    {
        int w = c1 - k1, depth = k1 - k0;
        if (w <= 0 || depth <= 0) return;
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + 4 * W512 <= w; c += 4 * W512) UpdateRows512x4(a, n, r0, k0, k1, k1 + c);
            for (; c + W512 <= w; c += W512) UpdateRows512x1(a, n, r0, k0, k1, k1 + c);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 4 * W256 <= w; c += 4 * W256) UpdateRows256x4(a, n, r0, k0, k1, k1 + c);
            for (; c + W256 <= w; c += W256) UpdateRows256x1(a, n, r0, k0, k1, k1 + c);
        }
        for (; c < w; c++)
        {
            int col = k1 + c;
            for (int i = r0; i < n; i++)
            {
                T* ri = a + (nint)i * n;
                T s = ri[col];
                for (int j = k0; j < k1; j++) s = T.FusedMultiplyAdd(-ri[j], a[(nint)j * n + col], s);
                ri[col] = s;
            }
        }
    }

    private static void UpdateRows512x4(T* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            T* ri = a + (nint)i * n;
            int v = W512;
            var y0 = Vector512.Load(ri + col); var y1 = Vector512.Load(ri + col + v);
            var y2 = Vector512.Load(ri + col + 2 * v); var y3 = Vector512.Load(ri + col + 3 * v);
            for (int j = k0; j < k1; j++)
            {
                var l = Vector512.Create(-ri[j]);
                T* u = a + (nint)j * n + col;
                y0 = Fma(l, Vector512.Load(u), y0);
                y1 = Fma(l, Vector512.Load(u + v), y1);
                y2 = Fma(l, Vector512.Load(u + 2 * v), y2);
                y3 = Fma(l, Vector512.Load(u + 3 * v), y3);
            }
            y0.Store(ri + col); y1.Store(ri + col + v); y2.Store(ri + col + 2 * v); y3.Store(ri + col + 3 * v);
        }
    }

    private static void UpdateRows512x1(T* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            T* ri = a + (nint)i * n;
            var y = Vector512.Load(ri + col);
            for (int j = k0; j < k1; j++)
                y = Fma(Vector512.Create(-ri[j]), Vector512.Load(a + (nint)j * n + col), y);
            y.Store(ri + col);
        }
    }

    private static void UpdateRows256x4(T* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            T* ri = a + (nint)i * n;
            int v = W256;
            var y0 = Vector256.Load(ri + col); var y1 = Vector256.Load(ri + col + v);
            var y2 = Vector256.Load(ri + col + 2 * v); var y3 = Vector256.Load(ri + col + 3 * v);
            for (int j = k0; j < k1; j++)
            {
                var l = Vector256.Create(-ri[j]);
                T* u = a + (nint)j * n + col;
                y0 = Fma(l, Vector256.Load(u), y0);
                y1 = Fma(l, Vector256.Load(u + v), y1);
                y2 = Fma(l, Vector256.Load(u + 2 * v), y2);
                y3 = Fma(l, Vector256.Load(u + 3 * v), y3);
            }
            y0.Store(ri + col); y1.Store(ri + col + v); y2.Store(ri + col + 2 * v); y3.Store(ri + col + 3 * v);
        }
    }

    private static void UpdateRows256x1(T* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            T* ri = a + (nint)i * n;
            var y = Vector256.Load(ri + col);
            for (int j = k0; j < k1; j++)
                y = Fma(Vector256.Create(-ri[j]), Vector256.Load(a + (nint)j * n + col), y);
            y.Store(ri + col);
        }
    }

    /// <summary>Column-by-column elimination of a block of at most <see cref="BaseWidth"/> columns.</summary>
    private static int FactorBase(T* a, int n, int c0, int c1, int* perm, T tol)
    {
        int sign = 1;
        int p = c0;
        T best = T.Abs(a[(nint)c0 * n + c0]);
        for (int i = c0 + 1; i < n; i++)
        {
            T v = T.Abs(a[(nint)i * n + c0]);
            if (v > best) { best = v; p = i; }
        }
        bool vector = Vector512.IsHardwareAccelerated && c1 - c0 == BaseWidth;
        for (int j = c0; j < c1; j++)
        {
            if (!(best > tol))
                throw new SingularMatrixException(
                    $"Lu.Factor: the matrix is singular to working precision (pivot {j} of {n} has magnitude {best:G3} ≤ tolerance {tol:G3}).", j);
            if (p != j)
            {
                SwapRows(a + (nint)j * n, a + (nint)p * n, n);
                (perm[j], perm[p]) = (perm[p], perm[j]);
                sign = -sign;
            }
            T inv = T.One / a[(nint)j * n + j];
            T* u = a + (nint)j * n;
            int next = j + 1;
            best = T.NegativeOne; p = next;
            if (next == c1)
            {
                for (int i = next; i < n; i++) a[(nint)i * n + j] *= inv;
                break;
            }
            if (vector)
            {
                // Lanes left of and at j keep their values (finished multipliers, and the new one stored after); lanes
                // right of j get the rank-1 update.
                var uv = Vector512.Load(u + c0);
                var right = Vector512.GreaterThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(j - c0)));
                int lane = next - c0;
                for (int i = next; i < n; i++)
                {
                    T* ri = a + (nint)i * n;
                    T l = ri[j] * inv;
                    var y = Vector512.Load(ri + c0);
                    y = Vector512.ConditionalSelect(right, Fma(Vector512.Create(-l), uv, y), y);
                    y.Store(ri + c0);
                    ri[j] = l;
                    T v = T.Abs(y.GetElement(lane));
                    if (v > best) { best = v; p = i; }
                }
            }
            else
            {
                for (int i = next; i < n; i++)
                {
                    T* ri = a + (nint)i * n;
                    T l = ri[j] *= inv;
                    for (int c = next; c < c1; c++) ri[c] = T.FusedMultiplyAdd(-l, u[c], ri[c]);
                    T v = T.Abs(ri[next]);
                    if (v > best) { best = v; p = i; }
                }
            }
        }
        return sign;
    }

    /// <summary>
    /// Rows [i0, i1) of X ← L⁻¹·X, L the unit lower triangular diagonal block [i0, i1) of <paramref name="lu"/> (leading
    /// dimension <paramref name="ldl"/>), by rows: row i −= Σ_{j∈[i0,i)} l_ij·row j, over <paramref name="w"/> columns of X
    /// (row i at <paramref name="x"/> + i·<paramref name="ldx"/>). The block row of U in the factorisation and the diagonal
    /// blocks of the forward solve.
    /// </summary>
    public static void SolveUnitLowerBlock(T* lu, int ldl, int i0, int i1, T* x, int ldx, int w)
    {
        for (int i = i0 + 1; i < i1; i++)
        {
            T* li = lu + (nint)i * ldl, xi = x + (nint)i * ldx;
            for (int j = i0; j < i; j++)
            {
                T l = li[j];
                if (l != T.Zero) SubtractScaled(xi, l, x + (nint)j * ldx, w);
            }
        }
    }

    /// <summary>y[0..len) ← y − s·x (fused).</summary>
    public static void SubtractScaled(T* y, T s, T* x, int len)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vs = Vector512.Create(-s);
            for (; c + W512 <= len; c += W512) Fma(vs, Vector512.Load(x + c), Vector512.Load(y + c)).Store(y + c);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(-s);
            for (; c + W256 <= len; c += W256) Fma(vs, Vector256.Load(x + c), Vector256.Load(y + c)).Store(y + c);
        }
        for (; c < len; c++) y[c] = T.FusedMultiplyAdd(-s, x[c], y[c]);
    }

    /// <summary>Exchanges two rows of <paramref name="len"/> elements.</summary>
    public static void SwapRows(T* x, T* y, int len)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; c + W512 <= len; c += W512)
            {
                var t = Vector512.Load(x + c);
                Vector512.Load(y + c).Store(x + c);
                t.Store(y + c);
            }
        for (; c < len; c++) (x[c], y[c]) = (y[c], x[c]);
    }
}
