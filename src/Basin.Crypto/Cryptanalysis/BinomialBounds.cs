using MathNet.Numerics.Distributions;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>Exact (Clopper–Pearson 1934) confidence bounds for a probability estimated as k successes in n trials.</summary>
public static class BinomialBounds
{
    /// <summary>
    /// The two-sided interval at <paramref name="level"/>: lower = B⁻¹(α/2; k, n − k + 1), upper = B⁻¹(1 − α/2; k + 1, n − k),
    /// B the Beta distribution, α = 1 − level (lower 0 when k = 0, upper 1 when k = n).
    /// </summary>
    public static (double Lower, double Upper) ClopperPearson(int k, int n, double level = 0.95)
    {
        if (n <= 0 || k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), "need 0 ≤ k ≤ n, n > 0");
        double a = (1 - level) / 2;
        double lo = k == 0 ? 0 : Beta.InvCDF(k, n - k + 1, a);
        double hi = k == n ? 1 : Beta.InvCDF(k + 1, n - k, 1 - a);
        return (lo, hi);
    }
}
