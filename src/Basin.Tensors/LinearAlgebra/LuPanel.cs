using System.Runtime.Intrinsics;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// Partial-pivoting LU of one panel — columns [c0, c1) over rows [c0, n) of a packed row-major n×n array — by recursive
/// halving of its columns (Toledo, SIAM J. Matrix Anal. Appl. 18 (1997); LAPACK's <c>dgetrf2</c>): factor the left half,
/// solve for the right half's block of U (U12 ← L11⁻¹·A12), update the rows below (A22 ← A22 − L21·U12), factor the right
/// half. Halves are multiples of <see cref="BaseWidth"/> columns; a base block of at most that many columns is eliminated
/// column by column, with the search for the next column's pivot fused into the update of the rows below (one pass over
/// the rows per column instead of two, the second a strided walk down the column). Row interchanges swap whole rows.
/// Every update is y ← fma(−l, u, y). Compared with the row-by-row elimination it replaces, the per-row work no longer
/// goes through a call per short row, and most of the panel's flops run in a register-blocked multi-column update.
/// </summary>
internal static unsafe class LuPanel
{
    /// <summary>Columns of a base block: one 512-bit vector of doubles.</summary>
    public const int BaseWidth = 8;

    /// <summary>Factors the panel in place; returns det of its row interchanges (±1).</summary>
    /// <exception cref="SingularMatrixException">A pivot's magnitude is at or below <paramref name="tol"/>.</exception>
    public static int Factor(double* a, int n, int c0, int c1, int* perm, double tol)
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
    public static void UpdateRows(double* a, int n, int r0, int k0, int k1, int c1)
    {
        int w = c1 - k1, depth = k1 - k0;
        if (w <= 0 || depth <= 0) return;
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + 32 <= w; c += 32) UpdateRows512x4(a, n, r0, k0, k1, k1 + c);
            for (; c + 8 <= w; c += 8) UpdateRows512x1(a, n, r0, k0, k1, k1 + c);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 16 <= w; c += 16) UpdateRows256x4(a, n, r0, k0, k1, k1 + c);
            for (; c + 4 <= w; c += 4) UpdateRows256x1(a, n, r0, k0, k1, k1 + c);
        }
        for (; c < w; c++)
        {
            int col = k1 + c;
            for (int i = r0; i < n; i++)
            {
                double* ri = a + (nint)i * n;
                double s = ri[col];
                for (int j = k0; j < k1; j++) s = Math.FusedMultiplyAdd(-ri[j], a[(nint)j * n + col], s);
                ri[col] = s;
            }
        }
    }

    private static void UpdateRows512x4(double* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            double* ri = a + (nint)i * n;
            var y0 = Vector512.Load(ri + col); var y1 = Vector512.Load(ri + col + 8);
            var y2 = Vector512.Load(ri + col + 16); var y3 = Vector512.Load(ri + col + 24);
            for (int j = k0; j < k1; j++)
            {
                var l = Vector512.Create(-ri[j]);
                double* u = a + (nint)j * n + col;
                y0 = Vector512.FusedMultiplyAdd(l, Vector512.Load(u), y0);
                y1 = Vector512.FusedMultiplyAdd(l, Vector512.Load(u + 8), y1);
                y2 = Vector512.FusedMultiplyAdd(l, Vector512.Load(u + 16), y2);
                y3 = Vector512.FusedMultiplyAdd(l, Vector512.Load(u + 24), y3);
            }
            y0.Store(ri + col); y1.Store(ri + col + 8); y2.Store(ri + col + 16); y3.Store(ri + col + 24);
        }
    }

    private static void UpdateRows512x1(double* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            double* ri = a + (nint)i * n;
            var y = Vector512.Load(ri + col);
            for (int j = k0; j < k1; j++)
                y = Vector512.FusedMultiplyAdd(Vector512.Create(-ri[j]), Vector512.Load(a + (nint)j * n + col), y);
            y.Store(ri + col);
        }
    }

    private static void UpdateRows256x4(double* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            double* ri = a + (nint)i * n;
            var y0 = Vector256.Load(ri + col); var y1 = Vector256.Load(ri + col + 4);
            var y2 = Vector256.Load(ri + col + 8); var y3 = Vector256.Load(ri + col + 12);
            for (int j = k0; j < k1; j++)
            {
                var l = Vector256.Create(-ri[j]);
                double* u = a + (nint)j * n + col;
                y0 = Vector256.FusedMultiplyAdd(l, Vector256.Load(u), y0);
                y1 = Vector256.FusedMultiplyAdd(l, Vector256.Load(u + 4), y1);
                y2 = Vector256.FusedMultiplyAdd(l, Vector256.Load(u + 8), y2);
                y3 = Vector256.FusedMultiplyAdd(l, Vector256.Load(u + 12), y3);
            }
            y0.Store(ri + col); y1.Store(ri + col + 4); y2.Store(ri + col + 8); y3.Store(ri + col + 12);
        }
    }

    private static void UpdateRows256x1(double* a, int n, int r0, int k0, int k1, int col)
    {
        for (int i = r0; i < n; i++)
        {
            double* ri = a + (nint)i * n;
            var y = Vector256.Load(ri + col);
            for (int j = k0; j < k1; j++)
                y = Vector256.FusedMultiplyAdd(Vector256.Create(-ri[j]), Vector256.Load(a + (nint)j * n + col), y);
            y.Store(ri + col);
        }
    }

    /// <summary>Column-by-column elimination of a block of at most <see cref="BaseWidth"/> columns.</summary>
    private static int FactorBase(double* a, int n, int c0, int c1, int* perm, double tol)
    {
        int sign = 1;
        int p = c0;
        double best = Math.Abs(a[(nint)c0 * n + c0]);
        for (int i = c0 + 1; i < n; i++)
        {
            double v = Math.Abs(a[(nint)i * n + c0]);
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
            double inv = 1.0 / a[(nint)j * n + j];
            double* u = a + (nint)j * n;
            int next = j + 1;
            best = -1; p = next;
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
                var right = Vector512.GreaterThan(Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7), Vector512.Create((double)(j - c0)));
                int lane = next - c0;
                for (int i = next; i < n; i++)
                {
                    double* ri = a + (nint)i * n;
                    double l = ri[j] * inv;
                    var y = Vector512.Load(ri + c0);
                    y = Vector512.ConditionalSelect(right, Vector512.FusedMultiplyAdd(Vector512.Create(-l), uv, y), y);
                    y.Store(ri + c0);
                    ri[j] = l;
                    double v = Math.Abs(y.GetElement(lane));
                    if (v > best) { best = v; p = i; }
                }
            }
            else
            {
                for (int i = next; i < n; i++)
                {
                    double* ri = a + (nint)i * n;
                    double l = ri[j] *= inv;
                    for (int c = next; c < c1; c++) ri[c] = Math.FusedMultiplyAdd(-l, u[c], ri[c]);
                    double v = Math.Abs(ri[next]);
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
    public static void SolveUnitLowerBlock(double* lu, int ldl, int i0, int i1, double* x, int ldx, int w)
    {
        for (int i = i0 + 1; i < i1; i++)
        {
            double* li = lu + (nint)i * ldl, xi = x + (nint)i * ldx;
            for (int j = i0; j < i; j++)
            {
                double l = li[j];
                if (l != 0) SubtractScaled(xi, l, x + (nint)j * ldx, w);
            }
        }
    }

    /// <summary>y[0..len) ← y − s·x (fused).</summary>
    public static void SubtractScaled(double* y, double s, double* x, int len)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vs = Vector512.Create(-s);
            for (; c + 8 <= len; c += 8) Vector512.FusedMultiplyAdd(vs, Vector512.Load(x + c), Vector512.Load(y + c)).Store(y + c);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(-s);
            for (; c + 4 <= len; c += 4) Vector256.FusedMultiplyAdd(vs, Vector256.Load(x + c), Vector256.Load(y + c)).Store(y + c);
        }
        for (; c < len; c++) y[c] = Math.FusedMultiplyAdd(-s, x[c], y[c]);
    }

    /// <summary>Exchanges two rows of <paramref name="len"/> doubles.</summary>
    public static void SwapRows(double* x, double* y, int len)
    {
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; c + 8 <= len; c += 8)
            {
                var t = Vector512.Load(x + c);
                Vector512.Load(y + c).Store(x + c);
                t.Store(y + c);
            }
        for (; c < len; c++) (x[c], y[c]) = (y[c], x[c]);
    }
}
