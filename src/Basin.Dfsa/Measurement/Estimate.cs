namespace Basin.Dfsa.Measurement;

/// <summary>A mean over independent batches with its standard error and a 95 % Student-t confidence interval.</summary>
public sealed record Estimate(double Mean, double StdErr, double Lo, double Hi, int N)
{
    /// <summary>Summarises per-batch values (non-finite values make the estimate NaN).</summary>
    public static Estimate From(IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0) return new Estimate(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = values.Average();
        if (n == 1) return new Estimate(mean, double.NaN, double.NaN, double.NaN, 1);
        double var = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double se = Math.Sqrt(var / n);
        double t = StudentT975(n - 1);
        return new Estimate(mean, se, mean - t * se, mean + t * se, n);
    }

    /// <summary>The 97.5 % quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentT975(int df)
    {
        ReadOnlySpan<double> table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042];
        if (df < 1) return double.NaN;
        return df <= table.Length ? table[df - 1] : 1.960 + 2.4 / df;
    }
}
