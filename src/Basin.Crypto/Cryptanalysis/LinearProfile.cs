using System.Numerics;
using Basin.Crypto.Cipher;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>
/// A linear approximation a·x ⊕ b·F(x) = 0 of the round function (Matsui 1993) with bias ε = Pr[…] − 1/2, estimated on
/// <paramref name="Samples"/> inputs independent of those the search selected it on (so the winner's curse does not inflate
/// it); <see cref="StdError"/> = 1/(2√Samples) is the bias's standard error for an unbiased approximation.
/// </summary>
public sealed record LinearApproximation(ulong InputMask, ulong OutputMask, double Bias, int Samples)
{
    /// <summary>1/(2√Samples).</summary>
    public double StdError => 0.5 / Math.Sqrt(Samples);

    /// <summary>|ε| in standard errors: above ≈ 4 the bias is real, below it is noise.</summary>
    public double Significance => Math.Abs(Bias) / StdError;
}

/// <summary>
/// A search for large linear biases of <see cref="QuantizedRoundFunction"/>: every single-bit pair (a = e_i, b = e_j) is
/// measured at once on one sample; the best pairs seed a greedy hill climb that toggles one mask bit at a time while |ε| grows
/// (on a second sample); the results are re-measured on a third, fresh sample.
/// </summary>
public static class LinearProfile
{
    /// <summary>ε(a, b) on <paramref name="samples"/> inputs drawn from <paramref name="seed"/>.</summary>
    public static double Bias(QuantizedRoundFunction f, ulong a, ulong b, int samples, ulong seed)
    {
        var rng = new SampleStream(seed);
        int zeros = 0;
        for (int i = 0; i < samples; i++)
        {
            ulong x = rng.Next();
            zeros += 1 - ((BitOperations.PopCount(x & a) + BitOperations.PopCount(f.Evaluate(x) & b)) & 1);
        }
        return (double)zeros / samples - 0.5;
    }

    /// <summary>ε(e_i, e_j) for all 64 × 64 single-bit masks, row i = input bit, column j = output bit.</summary>
    public static double[,] SingleBitBiases(QuantizedRoundFunction f, int samples, ulong seed)
    {
        var agree = new int[64, 64];
        var rng = new SampleStream(seed);
        for (int s = 0; s < samples; s++)
        {
            ulong x = rng.Next(), y = f.Evaluate(x);
            for (int i = 0; i < 64; i++)
            {
                ulong same = ((x >> i) & 1) == 1 ? y : ~y;   // bit j of `same` is 1 where x_i = y_j
                for (int j = 0; j < 64; j++) agree[i, j] += (int)((same >> j) & 1);
            }
        }
        var bias = new double[64, 64];
        for (int i = 0; i < 64; i++) for (int j = 0; j < 64; j++) bias[i, j] = (double)agree[i, j] / samples - 0.5;
        return bias;
    }

    /// <summary>The <paramref name="keep"/> largest |ε| found (single-bit scan, then hill climbs from the <paramref name="starts"/> best), re-measured on fresh samples.</summary>
    public static IReadOnlyList<LinearApproximation> Search(QuantizedRoundFunction f, int samples, ulong seed, int starts = 8, int keep = 5)
    {
        var single = SingleBitBiases(f, samples, seed);
        var seeds = new List<(ulong A, ulong B, double Abs)>();
        for (int i = 0; i < 64; i++) for (int j = 0; j < 64; j++) seeds.Add((1UL << i, 1UL << j, Math.Abs(single[i, j])));
        var found = new List<(ulong A, ulong B)>();
        foreach (var (a0, b0, _) in seeds.OrderByDescending(s => s.Abs).Take(starts))
        {
            ulong a = a0, b = b0;
            double best = Math.Abs(Bias(f, a, b, samples, seed + 1));
            for (bool improved = true; improved;)
            {
                improved = false;
                for (int k = 0; k < 128; k++)
                {
                    ulong na = k < 64 ? a ^ (1UL << k) : a, nb = k >= 64 ? b ^ (1UL << (k - 64)) : b;
                    if (na == 0 || nb == 0) continue;
                    double v = Math.Abs(Bias(f, na, nb, samples / 4, seed + 1));
                    if (v > best + 2 * 0.5 / Math.Sqrt(samples / 4.0)) { (a, b, best, improved) = (na, nb, v, true); }
                }
            }
            found.Add((a, b));
        }
        found.AddRange(seeds.OrderByDescending(s => s.Abs).Take(starts).Select(s => (s.A, s.B)));
        return found.Distinct()
            .Select(m => new LinearApproximation(m.A, m.B, Bias(f, m.A, m.B, samples, seed + 2), samples))
            .OrderByDescending(l => Math.Abs(l.Bias)).Take(keep).ToList();
    }
}
