using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Basin.Stability.Certification;

/// <summary>
/// Exact binomial confidence bounds and tests used by randomized smoothing (Cohen, Rosenfeld &amp; Kolter, ICML 2019,
/// §3.2 and Appendix: CERTIFY bounds p_A with a one-sided Clopper–Pearson interval; PREDICT uses a two-sided binomial test).
/// </summary>
public static class BinomialBounds
{
    /// <summary>
    /// One-sided (1 − α) Clopper–Pearson lower bound on a Bernoulli proportion after <paramref name="k"/> successes in
    /// <paramref name="n"/> draws (Clopper &amp; Pearson 1934): the p with P(X ≥ k | Bin(n, p)) = α, i.e. the α-quantile
    /// of Beta(k, n − k + 1); 0 when k = 0, α^(1/n) when k = n. Holds p ≥ bound with probability at least 1 − α.
    /// </summary>
    public static double ClopperPearsonLower(int k, int n, double alpha)
    {
        Check(k, n, alpha);
        if (k == 0) return 0;
        if (k == n) return Math.Pow(alpha, 1.0 / n);
        return Beta.InvCDF(k, n - k + 1, alpha);
    }

    /// <summary>
    /// One-sided (1 − α) Clopper–Pearson upper bound: the p with P(X ≤ k | Bin(n, p)) = α, the (1 − α)-quantile of
    /// Beta(k + 1, n − k); 1 when k = n, 1 − α^(1/n) when k = 0.
    /// </summary>
    public static double ClopperPearsonUpper(int k, int n, double alpha)
    {
        Check(k, n, alpha);
        if (k == n) return 1;
        if (k == 0) return 1 - Math.Pow(alpha, 1.0 / n);
        return Beta.InvCDF(k + 1, n - k, 1 - alpha);
    }

    /// <summary>
    /// Two-sided exact binomial test of H₀: p = ½ after <paramref name="k"/> successes in <paramref name="n"/> draws: the
    /// total probability under Bin(n, ½) of the outcomes no more likely than k, which by symmetry is
    /// min(1, 2·P(X ≤ min(k, n − k))) (scipy's <c>binom_test(k, n, 0.5)</c>; Hung &amp; Fithian 2019 use it to pick the top
    /// class of a multinomial, PREDICT in Cohen et al. 2019).
    /// </summary>
    public static double TwoSidedTestHalf(int k, int n)
    {
        if (n < 0 || k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"Need 0 ≤ k ≤ n (k = {k}, n = {n}).");
        if (n == 0) return 1;
        int m = Math.Min(k, n - k);
        if (2 * m == n) return 1;
        // P(X ≤ m) for X ~ Bin(n, ½) = I_{½}(n − m, m + 1).
        double tail = SpecialFunctions.BetaRegularized(n - m, m + 1, 0.5);
        return Math.Min(1, 2 * tail);
    }

    private static void Check(int k, int n, double alpha)
    {
        if (n < 1 || k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"Need n ≥ 1 and 0 ≤ k ≤ n (k = {k}, n = {n}).");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"α must lie in (0, 1), got {alpha}.");
    }
}
