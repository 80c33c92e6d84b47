using System.Collections.Concurrent;

namespace Basin.Tensors.Tests.Blas;

/// <summary>
/// Test operands and the naive reference product, accumulated in double: <c>P = op(A)·op(B)</c> and
/// <c>|P| = |op(A)|·|op(B)|</c> (for the error bound). Operands are uniform in [−1, 1) and depend only on the
/// shape and seed, not on how they are stored, so one reference serves every transpose combination.
/// </summary>
public sealed class GemmReference
{
    private static readonly ConcurrentDictionary<(int, int, int, bool), GemmReference> s_cache = new();

    public int M { get; }
    public int N { get; }
    public int K { get; }

    /// <summary>op(A), m×k row-major, values rounded to the test precision.</summary>
    public double[] A { get; }

    /// <summary>op(B), k×n row-major.</summary>
    public double[] B { get; }

    public double[] P { get; }
    public double[] AbsP { get; }

    private GemmReference(int m, int n, int k, bool single)
    {
        M = m; N = n; K = k;
        var rng = new Random(HashCode.Combine(m, n, k, single) & 0x7fffffff);
        A = Values(m * k, rng, single);
        B = Values(k * n, rng, single);
        P = new double[m * n];
        AbsP = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            var p = P.AsSpan(i * n, n);
            var ap = AbsP.AsSpan(i * n, n);
            for (int l = 0; l < k; l++)
            {
                double a = A[i * k + l], absA = Math.Abs(a);
                var b = B.AsSpan(l * n, n);
                for (int j = 0; j < n; j++)
                {
                    p[j] += a * b[j];
                    ap[j] += absA * Math.Abs(b[j]);
                }
            }
        }
    }

    public static GemmReference Get(int m, int n, int k, bool single) =>
        s_cache.GetOrAdd((m, n, k, single), key => new GemmReference(key.Item1, key.Item2, key.Item3, key.Item4));

    private static double[] Values(int length, Random rng, bool single)
    {
        var x = new double[length];
        for (int i = 0; i < x.Length; i++)
        {
            double v = rng.NextDouble() * 2 - 1;
            x[i] = single ? (float)v : v;
        }
        return x;
    }

    /// <summary>
    /// Stores a logical rows×cols matrix row-major with leading dimension <paramref name="ld"/> (or its transpose,
    /// cols×rows, when <paramref name="transposed"/>); padding holds NaN, so reading it poisons the result.
    /// The array is exactly as long as the last stored element needs.
    /// </summary>
    public static double[] Store(double[] logical, int rows, int cols, bool transposed, int ld)
    {
        int sr = transposed ? cols : rows, sc = transposed ? rows : cols;
        int length = sr == 0 || sc == 0 ? 0 : (sr - 1) * ld + sc;
        var x = new double[length];
        Array.Fill(x, double.NaN);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                x[transposed ? j * ld + i : i * ld + j] = logical[i * cols + j];
        return x;
    }
}
