using Basin.Crypto.Cipher;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>
/// A sampled differential transition of the round function: over <paramref name="Samples"/> uniform inputs x, the output
/// difference F(x) ⊕ F(x ⊕ Δin) equalled Δout <paramref name="Count"/> times; p̂ = Count/Samples with its 95 %
/// Clopper–Pearson interval.
/// </summary>
public sealed record DifferentialTransition(ulong InputDifference, ulong OutputDifference, int Count, int Samples, double Lower, double Upper)
{
    /// <summary>p̂ = Count / Samples.</summary>
    public double Probability => (double)Count / Samples;
}

/// <summary>
/// Differential behaviour of <see cref="QuantizedRoundFunction"/> by sampling (the full 2⁶⁴ × 2⁶⁴ table cannot be written
/// down): for an input difference Δ, draw x uniformly, collect δ = F(x) ⊕ F(x ⊕ Δ), and rank the output differences by
/// frequency (Biham &amp; Shamir 1991). Probabilities below a few / Samples are not resolved; the interval says so.
/// </summary>
public static class DifferentialProfile
{
    /// <summary>The <paramref name="top"/> most frequent output differences for <paramref name="inputDifference"/>, most likely first.</summary>
    public static IReadOnlyList<DifferentialTransition> Estimate(QuantizedRoundFunction f, ulong inputDifference, int samples, ulong seed, int top = 4)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples));
        var rng = new SampleStream(seed ^ (inputDifference * 0xD6E8FEB86659FD93UL));
        var d = new ulong[samples];
        for (int i = 0; i < samples; i++)
        {
            ulong x = rng.Next();
            d[i] = f.Evaluate(x) ^ f.Evaluate(x ^ inputDifference);
        }
        Array.Sort(d);
        var runs = new List<(ulong Value, int Count)>();
        for (int i = 0; i < samples;)
        {
            int j = i;
            while (j < samples && d[j] == d[i]) j++;
            runs.Add((d[i], j - i));
            i = j;
        }
        return runs.OrderByDescending(r => r.Count).ThenBy(r => r.Value).Take(top).Select(r =>
        {
            var (lo, hi) = BinomialBounds.ClopperPearson(r.Count, samples);
            return new DifferentialTransition(inputDifference, r.Value, r.Count, samples, lo, hi);
        }).ToList();
    }

    /// <summary>The 64 single-bit input differences e_0 … e_63.</summary>
    public static IEnumerable<ulong> SingleBitDifferences() => Enumerable.Range(0, 64).Select(i => 1UL << i);

    /// <summary><paramref name="count"/> distinct two-bit input differences e_i ⊕ e_j drawn with <paramref name="seed"/> (all 2016 when count ≥ 2016).</summary>
    public static IReadOnlyList<ulong> TwoBitDifferences(int count, ulong seed)
    {
        var all = new List<ulong>();
        for (int i = 0; i < 64; i++) for (int j = i + 1; j < 64; j++) all.Add((1UL << i) | (1UL << j));
        if (count >= all.Count) return all;
        var rng = new SampleStream(seed);
        for (int i = all.Count - 1; i > 0; i--) { int k = rng.NextInt(i + 1); (all[i], all[k]) = (all[k], all[i]); }
        return all.Take(count).OrderBy(v => v).ToList();
    }
}
