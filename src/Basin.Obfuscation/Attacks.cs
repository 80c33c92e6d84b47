namespace Basin.Obfuscation;

/// <summary>Known-pair attackers and simple utility measures on row-major matrices.</summary>
public static class Attacks
{
    /// <summary>Least-squares affine inverse fitted on k known (plain, obfuscated) pairs: x ≈ [y,1]·B, with a small ridge
    /// when k ≤ d. Returns the recovered plaintexts for <paramref name="targets"/> (n×d obfuscated rows).</summary>
    public static double[] LeastSquares(double[] knownPlain, double[] knownObf, int k, int d, double[] targets, int n, double ridge = 1e-10)
        => LeastSquares(knownPlain, knownObf, k, d, d, targets, n, ridge);

    /// <summary>As <see cref="LeastSquares(double[], double[], int, int, double[], int, double)"/> with obfuscated rows of width <paramref name="dIn"/> (e.g. a projection).</summary>
    public static double[] LeastSquares(double[] knownPlain, double[] knownObf, int k, int dIn, int d, double[] targets, int n, double ridge = 1e-10)
    {
        int p = dIn + 1;
        var g = new double[p * p]; var r = new double[p * d];
        var row = new double[p];
        for (int s = 0; s < k; s++)
        {
            for (int j = 0; j < dIn; j++) row[j] = knownObf[s * dIn + j];
            row[dIn] = 1;
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++) g[a * p + b] += row[a] * row[b];
                for (int b = 0; b < d; b++) r[a * d + b] += row[a] * knownPlain[s * d + b];
            }
        }
        double tr = 0;
        for (int a = 0; a < p; a++) tr += g[a * p + a];
        for (int a = 0; a < p; a++) g[a * p + a] += ridge * Math.Max(tr / p, 1e-300);
        var coef = Linear.Solve(g, r, p, d) ?? new double[p * d];
        var outp = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int b = 0; b < d; b++)
            {
                double v = coef[dIn * d + b];
                for (int a = 0; a < dIn; a++) v += targets[i * dIn + a] * coef[a * d + b];
                outp[i * d + b] = v;
            }
        return outp;
    }

    /// <summary>Per-row relative errors ‖x̂−x‖/‖x‖ (rows with ‖x‖ = 0 use the absolute error).</summary>
    public static double[] RelativeErrors(double[] truth, double[] guess, int n, int d)
    {
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            double num = 0, den = 0;
            for (int j = 0; j < d; j++) { double t = truth[i * d + j]; double u = guess[i * d + j] - t; num += u * u; den += t * t; }
            e[i] = den > 0 ? Math.Sqrt(num / den) : Math.Sqrt(num);
        }
        return e;
    }

    /// <summary>Median of a sample.</summary>
    public static double Median(double[] v)
    {
        var s = (double[])v.Clone(); Array.Sort(s);
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    /// <summary>1-nearest-neighbour (k = <paramref name="kNeighbours"/>, majority vote, ties to the nearest) test accuracy.</summary>
    public static double KnnAccuracy(double[] train, int[] trainLabels, double[] test, int[] testLabels, int d, int kNeighbours = 1)
    {
        int n = trainLabels.Length, m = testLabels.Length, correct = 0;
        var dist = new double[n]; var idx = new int[n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int t = 0; t < d; t++) { double u = test[i * d + t] - train[j * d + t]; s += u * u; }
                dist[j] = s; idx[j] = j;
            }
            Array.Sort((double[])dist.Clone(), idx);
            var votes = new Dictionary<int, int>();
            int best = trainLabels[idx[0]], bestVotes = 0;
            for (int q = 0; q < Math.Min(kNeighbours, n); q++)
            {
                int lab = trainLabels[idx[q]];
                votes[lab] = votes.GetValueOrDefault(lab) + 1;
                if (votes[lab] > bestVotes) { bestVotes = votes[lab]; best = lab; }
            }
            if (best == testLabels[i]) correct++;
        }
        return m == 0 ? double.NaN : (double)correct / m;
    }
}
