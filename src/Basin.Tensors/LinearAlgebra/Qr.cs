using System.Numerics;
using System.Numerics.Tensors;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// Householder QR factorisation A = Q·R of an m×n matrix, k = min(m, n), in double precision
/// (Golub &amp; Van Loan, 4th ed., Alg. 5.1.1 and 5.2.1). Q is returned thin (m×k, orthonormal columns)
/// and R is k×n upper triangular (trapezoidal when n &gt; m). Each reflector maps its column onto
/// +‖x‖·e₁, so diag(R) ≥ 0 and, for A of full column rank, Q and R are unique.
/// The work runs on Aᵀ so that every column is a contiguous row and each reflector application is a
/// vectorised dot product and AXPY.
/// </summary>
public sealed class Qr
{
    private readonly double[] _w;    // n×m: row j holds column j of the reduced A; v_j lives in row j, entries j+1..m−1
    private readonly double[] _tau;  // H_j = I − τ_j v_j v_jᵀ with v_j[j] = 1

    private Qr(double[] w, double[] tau, int m, int n)
    {
        _w = w; _tau = tau; Rows = m; Cols = n;
    }

    /// <summary>m, the number of rows of A.</summary>
    public int Rows { get; }

    /// <summary>n, the number of columns of A.</summary>
    public int Cols { get; }

    /// <summary>Factors a matrix (float input is promoted to double). Non-finite entries are rejected.</summary>
    public static Qr Factor<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2) throw new TensorShapeException($"Qr.Factor: expected a matrix, got shape {Shapes.Format(a.Shape)}.");
        int m = a.Dim(0), n = a.Dim(1);
        var rowMajor = RowMajor.ToDoubleArray(a, "Qr.Factor");
        if (!TensorPrimitives.IsFiniteAll<double>(rowMajor))
            throw new ArgumentException("Qr.Factor: the matrix has NaN or infinite entries.", nameof(a));
        var w = new double[n * m];
        RowMajor.Transpose(rowMajor, m, n, w);
        int k = Math.Min(m, n);
        var tau = new double[k];
        for (int j = 0; j < k; j++)
        {
            var x = w.AsSpan(j * m + j, m - j);
            tau[j] = MakeReflector(x);
            if (tau[j] == 0) continue;
            var v = x;
            double saved = v[0];
            v[0] = 1;
            for (int c = j + 1; c < n; c++)
            {
                var col = w.AsSpan(c * m + j, m - j);
                double s = tau[j] * TensorPrimitives.Dot<double>(v, col);
                if (s != 0) RowMajor.SubtractScaled(col, s, v);
            }
            v[0] = saved;
        }
        return new Qr(w, tau, m, n);
    }

    /// <summary>An m×k matrix with orthonormal columns spanning the columns of <paramref name="columns"/> (m×k, m ≥ k),
    /// the Q of its QR factorisation with diag(R) &gt; 0 (the Gram–Schmidt basis, computed stably).</summary>
    /// <exception cref="ArgumentException">The columns are linearly dependent to working precision.</exception>
    public static Tensor<T> Orthonormalize<T>(Tensor<T> columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (columns.Rank != 2 || columns.Dim(0) < columns.Dim(1))
            throw new TensorShapeException($"Qr.Orthonormalize: expected m×k columns with m ≥ k, got shape {Shapes.Format(columns.Shape)}.");
        var qr = Factor(columns);
        int m = qr.Rows, k = qr.Cols;
        double scale = 0;
        for (int j = 0; j < k; j++) scale = Math.Max(scale, TensorPrimitives.Norm<double>(qr._w.AsSpan(j * m, m)));
        double tol = Math.Max(m, k) * Math.ScaleB(1.0, -52) * scale;
        for (int j = 0; j < k; j++)
            if (!(Math.Abs(qr.RDiagonal(j)) > tol))
                throw new ArgumentException($"Qr.Orthonormalize: column {j} is linearly dependent on the preceding columns (|r_{j}{j}| = {Math.Abs(qr.RDiagonal(j)):G3}).", nameof(columns));
        return Tensor.Cast<double, T>(qr.Q);
    }

    /// <summary>The thin orthonormal factor Q (m×k).</summary>
    public Tensor<double> Q
    {
        get
        {
            int m = Rows, k = Math.Min(Rows, Cols);
            var qt = new double[k * m]; // row t = column t of Q
            for (int t = 0; t < k; t++) qt[t * m + t] = 1;
            var v = new double[m];
            for (int j = k - 1; j >= 0; j--)
            {
                if (_tau[j] == 0) continue;
                int len = m - j;
                var vj = v.AsSpan(0, len);
                _w.AsSpan(j * m + j, len).CopyTo(vj);
                vj[0] = 1;
                for (int t = j; t < k; t++)
                {
                    var col = qt.AsSpan(t * m + j, len);
                    double s = _tau[j] * TensorPrimitives.Dot<double>(vj, col);
                    if (s != 0) RowMajor.SubtractScaled(col, s, vj);
                }
            }
            var q = new Tensor<double>(m, k);
            RowMajor.Transpose(qt, k, m, q.Span);
            return q;
        }
    }

    /// <summary>The upper triangular factor R (k×n) with a non-negative diagonal.</summary>
    public Tensor<double> R
    {
        get
        {
            int m = Rows, n = Cols, k = Math.Min(m, n);
            var r = new Tensor<double>(k, n);
            var d = r.Span;
            for (int j = 0; j < n; j++)
                for (int i = 0; i <= Math.Min(j, k - 1); i++)
                    d[i * n + j] = _w[j * m + i];
            return r;
        }
    }

    private double RDiagonal(int j) => _w[j * Rows + j];

    /// <summary>Turns x into the Householder vector of H = I − τvvᵀ with H·x = ‖x‖·e₁: on return x[0] = ‖x‖
    /// and x[1..] holds v[1..] (v[0] = 1 implicitly); returns τ (0 when x is already ‖x‖·e₁).</summary>
    private static double MakeReflector(Span<double> x)
    {
        double alpha = x[0];
        var tail = x.Slice(1);
        double sigma = tail.IsEmpty ? 0 : TensorPrimitives.SumOfSquares<double>(tail);
        if (sigma == 0)
        {
            if (alpha >= 0) return 0;
            x[0] = -alpha;
            return 2;
        }
        double mu = Math.Sqrt(alpha * alpha + sigma);
        double v0 = alpha <= 0 ? alpha - mu : -sigma / (alpha + mu);
        double tau = 2 * v0 * v0 / (sigma + v0 * v0);
        TensorPrimitives.Multiply(tail, 1.0 / v0, tail);
        x[0] = mu;
        return tau;
    }
}
