using System.Numerics;
using System.Numerics.Tensors;
using Basin.Tensors.Blas;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// LU factorisation with partial (row) pivoting, P·A = L·U, of a square matrix, in double precision
/// (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Alg. 3.4.1 and §3.2.11 "block LU").
/// The factorisation is blocked and right-looking: each panel of <see cref="BlockSize"/> columns is
/// factored with a row-oriented kernel, the block row of U is found by a unit-lower triangular solve,
/// and the trailing sub-matrix is updated by one GEMM through <see cref="Blas.Blas.Gemm(bool, bool, int, int, int, double, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, double, Span{double}, int)"/>,
/// which carries about 2n³/3 − O(n²·nb) of the flops. See README.md beside this file.
/// A pivot with |u_jj| ≤ n·ε·max|aᵢⱼ| is treated as zero and raises <see cref="SingularMatrixException"/>.
/// </summary>
public sealed class Lu
{
    internal static int BlockSize = 64;

    private readonly double[] _lu;
    private readonly int[] _perm;

    private Lu(double[] lu, int[] perm, int n, int pivotSign)
    {
        _lu = lu; _perm = perm; Order = n; PivotSign = pivotSign;
    }

    /// <summary>Order n of the factored matrix.</summary>
    public int Order { get; }

    /// <summary>det(P) = ±1 (the parity of the row interchanges).</summary>
    public int PivotSign { get; }

    /// <summary>Row i of P·A is row <c>Permutation[i]</c> of A.</summary>
    public ReadOnlySpan<int> Permutation => _perm;

    /// <summary>Factors a square matrix (float input is promoted to double).</summary>
    /// <exception cref="TensorShapeException">A is not square.</exception>
    /// <exception cref="ArgumentException">A has a NaN or infinite entry.</exception>
    /// <exception cref="SingularMatrixException">A is singular to working precision.</exception>
    public static Lu Factor<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = RowMajor.RequireSquare(a, "Lu.Factor");
        var lu = RowMajor.ToDoubleArray(a, "Lu.Factor");
        if (!TensorPrimitives.IsFiniteAll<double>(lu))
            throw new ArgumentException("Lu.Factor: the matrix has NaN or infinite entries.", nameof(a));
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        int sign = FactorInPlace(lu, n, perm, BlockSize);
        return new Lu(lu, perm, n, sign);
    }

    /// <summary>A⁻¹ of a square matrix, via <see cref="Factor{T}"/> and <see cref="Inverse{T}()"/>.</summary>
    public static Tensor<T> Inverse<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Factor(a).Inverse<T>();

    /// <summary>
    /// A⁻¹ of the n×n row-major matrix <paramref name="a"/> into <paramref name="inverse"/>, with the caller's workspace and
    /// no allocation: the same blocked factorisation and solves as <see cref="Inverse{T}(Tensor{T})"/>, hence the same
    /// result bit for bit. For repeated inversions of large matrices (an optimiser step's Φ⁻¹), where three fresh n×n
    /// arrays per call would land on the large-object heap and set off full garbage collections.
    /// </summary>
    /// <param name="a">The matrix (not modified).</param>
    /// <param name="n">Its order.</param>
    /// <param name="inverse">Receives A⁻¹ (n·n values).</param>
    /// <param name="work">Scratch of n·n values (holds the LU factors afterwards).</param>
    /// <param name="permutation">Scratch of n values (holds the row permutation afterwards).</param>
    /// <exception cref="ArgumentException">A buffer is too short, or A has a NaN or infinite entry.</exception>
    /// <exception cref="SingularMatrixException">A is singular to working precision.</exception>
    public static void InvertInto(ReadOnlySpan<double> a, int n, double[] inverse, double[] work, int[] permutation) =>
        InvertChecked(a, n, inverse, work, permutation);

    /// <summary>
    /// A⁻¹ of the n×n row-major single-precision matrix <paramref name="a"/>: the same blocked algorithm as the double
    /// overload, computed in float throughout (16-lane vectors and the float GEMM, about twice the double throughput).
    /// Partial pivoting keeps it backward stable, so ‖I − A·A⁻¹‖ is of order n·ε_float·κ(A) (ε_float = 2⁻²³) rather than
    /// the rounding of a double-precision inverse to float (ε_float·κ(A)): enough where A is well conditioned and the
    /// inverse is used in float anyway — SA-nODE's Φ⁻¹ in float training, where PyTorch's <c>torch.linalg.inv</c> does the
    /// same. The pivot tolerance is n·ε_float·‖A‖_F.
    /// </summary>
    /// <param name="a">The matrix (not modified).</param>
    /// <param name="n">Its order.</param>
    /// <param name="inverse">Receives A⁻¹ (n·n values).</param>
    /// <param name="work">Scratch of n·n values (holds the LU factors afterwards).</param>
    /// <param name="permutation">Scratch of n values (holds the row permutation afterwards).</param>
    /// <exception cref="ArgumentException">A buffer is too short, or A has a NaN or infinite entry.</exception>
    /// <exception cref="SingularMatrixException">A is singular to working precision.</exception>
    public static void InvertInto(ReadOnlySpan<float> a, int n, float[] inverse, float[] work, int[] permutation) =>
        InvertChecked(a, n, inverse, work, permutation);

    private static void InvertChecked<T>(ReadOnlySpan<T> a, int n, T[] inverse, T[] work, int[] permutation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The order must be ≥ 0.");
        long nn = (long)n * n;
        if (a.Length < nn || inverse.Length < nn || work.Length < nn || permutation.Length < n)
            throw new ArgumentException($"Lu.InvertInto: buffers must hold {n}×{n} values (and {n} pivots).");
        if (!TensorPrimitives.IsFiniteAll<T>(a[..(int)nn]))
            throw new ArgumentException("Lu.InvertInto: the matrix has NaN or infinite entries.", nameof(a));
        if (n == 0) return;
        InvertCore(a, n, inverse, work, permutation);
    }

    private static void InvertCore<T>(ReadOnlySpan<T> a, int n, T[] inverse, T[] work, int[] permutation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long nn = (long)n * n;
        a[..(int)nn].CopyTo(work);
        for (int i = 0; i < n; i++) permutation[i] = i;
        FactorInPlace(work, n, permutation, BlockSize);
        var x = inverse;
        Array.Clear(x, 0, (int)nn);
        for (int i = 0; i < n; i++) x[i * n + i] = T.One;
        SolveIdentity(work, n, x, BlockSize);
        // Column permutation in place, row by row, through the first row of the (now spent) workspace.
        var row = work.AsSpan(0, n);
        for (int r = 0; r < n; r++)
        {
            var xr = x.AsSpan(r * n, n);
            xr.CopyTo(row);
            for (int i = 0; i < n; i++) xr[permutation[i]] = row[i];
        }
    }

    /// <summary>det A = det(P)·Π u_jj (may overflow to ±∞ for large matrices; see <see cref="LogAbsDeterminant"/>).</summary>
    public double Determinant
    {
        get
        {
            double d = PivotSign;
            for (int i = 0; i < Order; i++) d *= _lu[i * Order + i];
            return d;
        }
    }

    /// <summary>log |det A| = Σ log |u_jj|, finite where <see cref="Determinant"/> overflows.</summary>
    public double LogAbsDeterminant
    {
        get
        {
            double s = 0;
            for (int i = 0; i < Order; i++) s += Math.Log(Math.Abs(_lu[i * Order + i]));
            return s;
        }
    }

    /// <summary>sign(det A) ∈ {−1, +1}.</summary>
    public int DeterminantSign
    {
        get
        {
            int s = PivotSign;
            for (int i = 0; i < Order; i++) if (_lu[i * Order + i] < 0) s = -s;
            return s;
        }
    }

    /// <summary>The unit lower triangular factor L (a copy).</summary>
    public Tensor<double> L
    {
        get
        {
            int n = Order;
            var l = new Tensor<double>(n, n);
            var d = l.Span;
            for (int i = 0; i < n; i++)
            {
                _lu.AsSpan(i * n, i).CopyTo(d.Slice(i * n));
                d[i * n + i] = 1;
            }
            return l;
        }
    }

    /// <summary>The upper triangular factor U (a copy).</summary>
    public Tensor<double> U
    {
        get
        {
            int n = Order;
            var u = new Tensor<double>(n, n);
            var d = u.Span;
            for (int i = 0; i < n; i++) _lu.AsSpan(i * n + i, n - i).CopyTo(d.Slice(i * n + i));
            return u;
        }
    }

    /// <summary>Solves A·X = B for a vector (shape [n]) or a matrix of right-hand sides (shape [n, r]).</summary>
    public Tensor<T> Solve<T>(Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Order;
        if ((b.Rank != 1 && b.Rank != 2) || b.Dim(0) != n)
            throw new TensorShapeException($"Lu.Solve: right-hand side of shape {Shapes.Format(b.Shape)} does not fit a system of order {n}.");
        int r = b.Rank == 1 ? 1 : b.Dim(1);
        var src = RowMajor.ToDoubleArray(b.Rank == 1 ? b.Reshape(n, 1) : b, "Lu.Solve");
        var x = new double[n * r];
        for (int i = 0; i < n; i++) src.AsSpan(_perm[i] * r, r).CopyTo(x.AsSpan(i * r));
        ForwardUnitLower(_lu, n, x, r, lowerTriangularRhs: false, BlockSize);
        BackwardUpper(_lu, n, x, r, BlockSize);
        return b.Rank == 1 ? RowMajor.FromDoubleArray<T>(x, n) : RowMajor.FromDoubleArray<T>(x, n, r);
    }

    /// <summary>A⁻¹ = U⁻¹·L⁻¹·P: L⁻¹ is found by a forward solve that skips its zero upper triangle (n³/3 flops),
    /// U⁻¹L⁻¹ by a full backward solve (n³ flops), and P is applied as a column permutation.</summary>
    public Tensor<T> Inverse<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Order;
        var x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        SolveIdentity(_lu, n, x, BlockSize);
        var inv = new double[n * n];
        for (int row = 0; row < n; row++)
        {
            var xr = x.AsSpan(row * n, n);
            var ir = inv.AsSpan(row * n, n);
            for (int i = 0; i < n; i++) ir[_perm[i]] = xr[i];
        }
        return RowMajor.FromDoubleArray<T>(inv, n, n);
    }

    /// <summary>
    /// Blocked right-looking P·A = L·U in place on a packed row-major n×n array; returns det(P).
    /// A pivot at or below n·ε·‖A‖_F counts as zero: the last pivot of a rank-deficient matrix is rounding noise of
    /// order ε·‖A‖ times the element growth, which ‖A‖_F (≥ max|aᵢⱼ|) bounds more safely than max|aᵢⱼ| when the
    /// elimination's products are fused (FMA) and so round differently.
    /// </summary>
    internal static unsafe int FactorInPlace<T>(T[] a, int n, int[] perm, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return 1;
        T maxAbs = T.Abs(TensorPrimitives.MaxMagnitude<T>(a.AsSpan(0, n * n)));
        double frob = Math.Sqrt(double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(a.AsSpan(0, n * n))));
        T tol = T.CreateTruncating(n * Math.ScaleB(1.0, typeof(T) == typeof(float) ? -23 : -52) * frob);
        if (maxAbs == T.Zero) throw new SingularMatrixException("Lu.Factor: the matrix is zero, hence singular.", 0);
        int sign = 1;
        fixed (T* pa = a)
        fixed (int* pp = perm)
            for (int k0 = 0; k0 < n; k0 += nb)
            {
                int k1 = Math.Min(n, k0 + nb);
                sign *= LuPanel<T>.Factor(pa, n, k0, k1, pp, tol);
                if (k1 == n) break;
                LuPanel<T>.SolveUnitLowerBlock(pa, n, k0, k1, pa + k1, n, n - k1);   // U12 ← L11⁻¹·A12, by rows
                // A22 ← A22 − L21·U12.
                int m2 = n - k1;
                GenericBlas.Gemm(false, false, m2, m2, k1 - k0, T.NegativeOne, a.AsSpan(k1 * n + k0), n, a.AsSpan(k0 * n + k1), n,
                    T.One, a.AsSpan(k1 * n + k1), n);
            }
        return sign;
    }

    /// <summary>X ← L⁻¹·X for the unit lower triangle of <paramref name="lu"/>; X is n×r row-major.
    /// With <paramref name="lowerTriangularRhs"/> X is known to be lower triangular (X = I), and block row
    /// [i0, i1) is only processed over its first i1 columns.</summary>
    internal static void ForwardUnitLower<T>(T[] lu, int n, T[] x, int r, bool lowerTriangularRhs, int nb) where T : unmanaged, IFloatingPointIeee754<T> =>
        ForwardUnitLower(lu, n, x, r, 0, r, lowerTriangularRhs, nb);

    /// <summary>The forward solve on columns [c0, c1) of X (leading dimension <paramref name="ldx"/>) alone: the columns of
    /// X are independent right-hand sides, so disjoint column ranges can be solved on different threads.</summary>
    internal static unsafe void ForwardUnitLower<T>(T[] lu, int n, T[] x, int ldx, int c0, int c1, bool lowerTriangularRhs, int nb)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pl = lu)
        fixed (T* px = x)
            for (int i0 = 0; i0 < n; i0 += nb)
            {
                int i1 = Math.Min(n, i0 + nb);
                int w = (lowerTriangularRhs ? Math.Min(c1, i1) : c1) - c0;
                if (w <= 0) continue;
                LuPanel<T>.SolveUnitLowerBlock(pl, n, i0, i1, px + c0, ldx, w);
                if (i1 < n)
                    GenericBlas.Gemm(false, false, n - i1, w, i1 - i0, T.NegativeOne, lu.AsSpan(i1 * n + i0), n, x.AsSpan(i0 * ldx + c0), ldx,
                        T.One, x.AsSpan(i1 * ldx + c0), ldx);
            }
    }

    /// <summary>X ← U⁻¹·X for the upper triangle of <paramref name="lu"/>; X is n×r row-major.</summary>
    internal static void BackwardUpper<T>(T[] lu, int n, T[] x, int r, int nb) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardUpper(lu, n, x, r, 0, r, nb);

    /// <summary>The backward solve on columns [c0, c1) of X (leading dimension <paramref name="ldx"/>) alone.</summary>
    internal static unsafe void BackwardUpper<T>(T[] lu, int n, T[] x, int ldx, int c0, int c1, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = c1 - c0;
        if (w <= 0) return;
        int lastStart = (n - 1) / nb * nb;
        fixed (T* pl = lu)
        fixed (T* px = x)
            for (int i0 = lastStart; i0 >= 0; i0 -= nb)
            {
                int i1 = Math.Min(n, i0 + nb);
                for (int i = i1 - 1; i >= i0; i--)
                {
                    T* xi = px + (nint)i * ldx + c0;
                    for (int j = i + 1; j < i1; j++)
                    {
                        T u = pl[(nint)i * n + j];
                        if (u != T.Zero) LuPanel<T>.SubtractScaled(xi, u, px + (nint)j * ldx + c0, w);
                    }
                    TensorPrimitives.Multiply(new ReadOnlySpan<T>(xi, w), T.One / pl[(nint)i * n + i], new Span<T>(xi, w));
                }
                if (i0 > 0)
                    GenericBlas.Gemm(false, false, i0, w, i1 - i0, T.NegativeOne, lu.AsSpan(i0), n, x.AsSpan(i0 * ldx + c0), ldx,
                        T.One, x.AsSpan(c0), ldx);
            }
    }

    /// <summary>
    /// X ← U⁻¹·L⁻¹ (X = I on entry, n×n): the forward and backward solves of <see cref="InvertInto(ReadOnlySpan{double}, int, double[], double[], int[])"/>, with X's columns cut
    /// into <see cref="Blas.ParallelParts.Parallelism"/> ranges solved on separate threads (each range's GEMMs then run on
    /// its thread alone), so that the row-oriented work inside the diagonal blocks runs in parallel too and the threads
    /// meet once instead of at every block's GEMM. Column c costs about (n − c)² + n² flops (forward solve below the
    /// diagonal, full backward solve), and the ranges are cut where that cost's running sum crosses equal shares.
    /// Each column's arithmetic is the same whatever the cut, so the result does not depend on the thread count.
    /// </summary>
    internal static void SolveIdentity<T>(T[] lu, int n, T[] x, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = Math.Min(Blas.ParallelParts.Parallelism, Math.Max(1, n / 64));
        if (parts <= 1)
        {
            ForwardUnitLower(lu, n, x, n, 0, n, lowerTriangularRhs: true, nb);
            BackwardUpper(lu, n, x, n, 0, n, nb);
            return;
        }
        var bounds = new int[parts + 1];
        double total = 0;
        for (int c = 0; c < n; c++) total += ColumnCost(n, c);
        double run = 0;
        int p = 1;
        for (int c = 0; c < n && p < parts; c++)
        {
            run += ColumnCost(n, c);
            if (run >= total * p / parts) bounds[p++] = c + 1;
        }
        for (; p <= parts; p++) bounds[p] = n;
        Blas.ParallelParts.Run(parts, new IdentitySolve<T>(lu, n, x, nb, bounds));
    }

    private static double ColumnCost(int n, int c) => (double)(n - c) * (n - c) + (double)n * n;

    private sealed class IdentitySolve<T>(T[] lu, int n, T[] x, int nb, int[] bounds) : Blas.IParallelPart
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int part)
        {
            int c0 = bounds[part], c1 = bounds[part + 1];
            ForwardUnitLower(lu, n, x, n, c0, c1, lowerTriangularRhs: true, nb);
            BackwardUpper(lu, n, x, n, c0, c1, nb);
        }
    }
}
