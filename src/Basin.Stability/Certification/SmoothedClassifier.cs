using Basin.Stability.Classifiers;
using Basin.Tensors;
using MathNet.Numerics.Distributions;

namespace Basin.Stability.Certification;

/// <summary>The outcome of CERTIFY at one input.</summary>
/// <param name="Predicted">The certified class ĉ_A, or <see cref="SmoothedClassifier.Abstain"/>.</param>
/// <param name="Guess">ĉ_A, the top class of the n0 selection draws (reported also when abstaining).</param>
/// <param name="CountA">How many of the n estimation draws the base classifier put in ĉ_A.</param>
/// <param name="PALower">The one-sided (1 − α) Clopper–Pearson lower bound on p_A from CountA of n.</param>
/// <param name="Radius">σ·Φ⁻¹(p_A lower) when certified; 0 when abstaining.</param>
public sealed record Certificate(int Predicted, int Guess, int CountA, double PALower, double Radius)
{
    /// <summary>True when CERTIFY abstained (p_A lower ≤ ½).</summary>
    public bool Abstained => Predicted == SmoothedClassifier.Abstain;
}

/// <summary>The outcome of PREDICT at one input.</summary>
/// <param name="Predicted">The top class, or <see cref="SmoothedClassifier.Abstain"/> when the test does not reject.</param>
/// <param name="Top">The most frequent class among the n draws.</param>
/// <param name="CountTop">Its count.</param>
/// <param name="CountSecond">The count of the runner-up.</param>
/// <param name="PValue">The two-sided binomial test of CountTop out of CountTop + CountSecond against ½.</param>
public sealed record SmoothedPrediction(int Predicted, int Top, int CountTop, int CountSecond, double PValue);

/// <summary>
/// The Gaussian-smoothed classifier g(x) = argmax_c P(f(x + ε) = c), ε ~ 𝒩(0, σ²I), of a base classifier f (Cohen,
/// Rosenfeld &amp; Kolter, "Certified Adversarial Robustness via Randomized Smoothing", ICML 2019). Theorem 1: if
/// p_A ≥ p_A lower &gt; ½ then g(x + δ) = c_A for every ‖δ‖₂ &lt; σ·Φ⁻¹(p_A lower). CERTIFY and PREDICT are the paper's
/// Monte-Carlo algorithms (Algorithm "certify"/"predict"); noise is drawn from the caller's <see cref="Rng"/> in a fixed
/// order, so the outcome depends on the seed and not on <paramref name="batchSize"/>. Inputs are not clipped to the
/// pixel range (as in the paper).
/// </summary>
/// <param name="baseClassifier">f: its argmax on each noisy copy is one draw.</param>
/// <param name="sigma">σ &gt; 0, the noise level (L2, in pixel units).</param>
/// <param name="batchSize">Noisy copies evaluated in one call of <see cref="IClassifier.Scores"/>.</param>
public sealed class SmoothedClassifier(IClassifier baseClassifier, double sigma, int batchSize = 1000)
{
    /// <summary>The class returned when the smoothed classifier abstains.</summary>
    public const int Abstain = -1;

    private readonly double[] _noisy = new double[Math.Max(1, batchSize) * baseClassifier.Dimension];
    private readonly double[] _scores = new double[Math.Max(1, batchSize) * baseClassifier.Classes];

    /// <summary>The base classifier f.</summary>
    public IClassifier Base { get; } = sigma > 0 && double.IsFinite(sigma) && batchSize >= 1 ? baseClassifier
        : throw new ArgumentOutOfRangeException(nameof(sigma), $"Need σ > 0 and a batch size ≥ 1 (σ = {sigma}, batch {batchSize}).");

    /// <summary>σ.</summary>
    public double Sigma => sigma;

    /// <summary>
    /// Counts per class of f(x + ε) over <paramref name="num"/> draws ε ~ 𝒩(0, σ²I), in batches of the batch size
    /// (the paper's <c>_sample_noise</c>). Ties in the scores go to the lower class index.
    /// </summary>
    public int[] SampleCounts(ReadOnlySpan<double> x, int num, Rng rng)
    {
        int d = Base.Dimension, k = Base.Classes;
        if (x.Length != d) throw new ArgumentException($"The input has {x.Length} values; the classifier expects {d}.");
        var counts = new int[k];
        for (int done = 0; done < num;)
        {
            int b = Math.Min(batchSize, num - done);
            var noisy = _noisy.AsSpan(0, b * d);
            for (int r = 0; r < b; r++)
            {
                var row = noisy.Slice(r * d, d);
                for (int i = 0; i < d; i++) row[i] = x[i] + sigma * rng.NextNormal();
            }
            Base.Scores(noisy, b, _scores.AsSpan(0, b * k));
            for (int r = 0; r < b; r++)
            {
                int best = 0;
                for (int c = 1; c < k; c++) if (_scores[r * k + c] > _scores[r * k + best]) best = c;
                counts[best]++;
            }
            done += b;
        }
        return counts;
    }

    /// <summary>
    /// CERTIFY (Cohen et al. 2019): ĉ_A = the top class of <paramref name="n0"/> draws; n_A = the count of ĉ_A among
    /// <paramref name="n"/> fresh draws; p_A lower = the one-sided (1 − α) Clopper–Pearson bound; abstain when it is ≤ ½,
    /// otherwise certify ĉ_A within L2 radius R = σ·Φ⁻¹(p_A lower). With probability ≥ 1 − α over the draws, a certified
    /// ĉ_A equals g(x) and g is constant on the open L2 ball of radius R.
    /// </summary>
    public Certificate Certify(ReadOnlySpan<double> x, int n0, int n, double alpha, Rng rng)
    {
        if (n0 < 1 || n < 1) throw new ArgumentOutOfRangeException(nameof(n), $"Need n0 ≥ 1 and n ≥ 1 (n0 = {n0}, n = {n}).");
        int guess = ArgMax(SampleCounts(x, n0, rng));
        int countA = SampleCounts(x, n, rng)[guess];
        double lower = BinomialBounds.ClopperPearsonLower(countA, n, alpha);
        return lower > 0.5
            ? new Certificate(guess, guess, countA, lower, sigma * Normal.InvCDF(0, 1, lower))
            : new Certificate(Abstain, guess, countA, lower, 0);
    }

    /// <summary>
    /// PREDICT (Cohen et al. 2019): the top two classes of <paramref name="n"/> draws with counts n_A ≥ n_B; return the top
    /// class when the two-sided binomial test of n_A out of n_A + n_B against ½ rejects at level <paramref name="alpha"/>,
    /// otherwise abstain. The returned class differs from g(x) with probability at most α.
    /// </summary>
    public SmoothedPrediction Predict(ReadOnlySpan<double> x, int n, double alpha, Rng rng)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), $"Need n ≥ 1 (n = {n}).");
        var counts = SampleCounts(x, n, rng);
        int top = ArgMax(counts), second = -1;
        for (int c = 0; c < counts.Length; c++) if (c != top && (second < 0 || counts[c] > counts[second])) second = c;
        int nb = second < 0 ? 0 : counts[second];
        double p = BinomialBounds.TwoSidedTestHalf(counts[top], counts[top] + nb);
        return new SmoothedPrediction(p <= alpha ? top : Abstain, top, counts[top], nb, p);
    }

    private static int ArgMax(int[] counts)
    {
        int best = 0;
        for (int c = 1; c < counts.Length; c++) if (counts[c] > counts[best]) best = c;
        return best;
    }
}
