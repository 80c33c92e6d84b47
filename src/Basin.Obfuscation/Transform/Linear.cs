namespace Basin.Obfuscation.Transform;

/// <summary>Small dense linear-algebra helpers on row-major double arrays.</summary>
public static class Linear
{
    /// <summary>Haar-random d×d orthogonal matrix (row-major): Gram–Schmidt (twice) of a Gaussian matrix, which is Haar-distributed.</summary>
    public static double[] HaarOrthogonal(int d, Func<double> gaussian)
    {
        var q = new double[checked(d * d)];
        for (int i = 0; i < q.Length; i++) q[i] = gaussian();
        for (int i = 0; i < d; i++)
        {
            var row = q.AsSpan(i * d, d);
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j < i; j++)
                {
                    var prev = q.AsSpan(j * d, d);
                    double dot = 0;
                    for (int t = 0; t < d; t++) dot += row[t] * prev[t];
                    for (int t = 0; t < d; t++) row[t] -= dot * prev[t];
                }
            double n = 0;
            for (int t = 0; t < d; t++) n += row[t] * row[t];
            n = Math.Sqrt(n);
            for (int t = 0; t < d; t++) row[t] /= n;
        }
        return q;
    }

    /// <summary>y = A x for row-major A (rows × cols).</summary>
    public static void MatVec(double[] a, int rows, int cols, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < cols; j++) s += a[i * cols + j] * x[j];
            y[i] = s;
        }
    }

    /// <summary>y = Aᵀ x for row-major A (rows × cols).</summary>
    public static void MatTVec(double[] a, int rows, int cols, ReadOnlySpan<double> x, Span<double> y)
    {
        y.Clear();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) y[j] += a[i * cols + j] * x[i];
    }

    /// <summary>Solves A X = B (A n×n, B n×m, row-major) by Gaussian elimination with partial pivoting; returns null if singular.</summary>
    public static double[]? Solve(double[] a, double[] b, int n, int m)
    {
        a = (double[])a.Clone(); b = (double[])b.Clone();
        double scale = 0;
        foreach (var v in a) scale = Math.Max(scale, Math.Abs(v));
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.Abs(a[i * n + k]) > Math.Abs(a[p * n + k])) p = i;
            if (Math.Abs(a[p * n + k]) <= 1e-13 * Math.Max(scale, 1e-300)) return null;
            if (p != k)
            {
                for (int j = 0; j < n; j++) (a[k * n + j], a[p * n + j]) = (a[p * n + j], a[k * n + j]);
                for (int j = 0; j < m; j++) (b[k * m + j], b[p * m + j]) = (b[p * m + j], b[k * m + j]);
            }
            for (int i = k + 1; i < n; i++)
            {
                double f = a[i * n + k] / a[k * n + k];
                if (f == 0) continue;
                for (int j = k; j < n; j++) a[i * n + j] -= f * a[k * n + j];
                for (int j = 0; j < m; j++) b[i * m + j] -= f * b[k * m + j];
            }
        }
        for (int k = n - 1; k >= 0; k--)
            for (int j = 0; j < m; j++)
            {
                double s = b[k * m + j];
                for (int t = k + 1; t < n; t++) s -= a[k * n + t] * b[t * m + j];
                b[k * m + j] = s / a[k * n + k];
            }
        return b;
    }
}
