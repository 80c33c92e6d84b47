using Basin.Crypto.Cipher;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>
/// How far the 128 output-difference bits of a pair of encryptions are from fair coins: for each bit, z = (k − N/2)/√(N/4)
/// over N pairs, and the largest |z|. For a random permutation max|z| over 128 bits exceeds 4.5 with probability ≈ 10⁻³
/// (Bonferroni), so a larger value is a working distinguisher with that many pairs.
/// </summary>
public sealed record BitBias(int Pairs, double MaxAbsZ, int WorstBit)
{
    /// <summary>The two-sided threshold 4.5 (family-wise α ≈ 10⁻³ over 128 bits).</summary>
    public const double Threshold = 4.5;

    /// <summary>Whether the pairs distinguish the cipher from a random permutation.</summary>
    public bool Distinguishes => MaxAbsZ > Threshold;
}

/// <summary>Chosen-input and related-key distinguishers that look at output differences bit by bit.</summary>
public static class OutputDifferenceBias
{
    /// <summary>The bias of E(x) ⊕ E'(x') over pairs from <paramref name="pair"/> (which returns (x, x') as 128-bit halves).</summary>
    public static BitBias Measure(FeistelCipher e1, FeistelCipher e2, Func<ulong, ulong, (ulong L1, ulong R1, ulong L2, ulong R2)> pair, int pairs, ulong seed)
    {
        var ones = new int[128];
        var rng = new SampleStream(seed);
        for (int n = 0; n < pairs; n++)
        {
            var (l1, r1, l2, r2) = pair(rng.Next(), rng.Next());
            e1.Encrypt(ref l1, ref r1);
            e2.Encrypt(ref l2, ref r2);
            ulong dl = l1 ^ l2, dr = r1 ^ r2;
            for (int b = 0; b < 64; b++) { ones[b] += (int)((dl >> b) & 1); ones[64 + b] += (int)((dr >> b) & 1); }
        }
        double sd = Math.Sqrt(pairs / 4.0), max = 0;
        int worst = 0;
        for (int b = 0; b < 128; b++)
        {
            double z = Math.Abs(ones[b] - pairs / 2.0) / sd;
            if (z > max) (max, worst) = (z, b);
        }
        return new BitBias(pairs, max, worst);
    }

    /// <summary>
    /// Counter mode's inputs: blocks (0 ‖ c) and (0 ‖ c + 1), i.e. R and R + 1 with L = 0 — inputs that differ in the low
    /// bits of one half, as consecutive keystream blocks do.
    /// </summary>
    public static BitBias CounterAdjacent(FeistelCipher e, int pairs, ulong seed) =>
        Measure(e, e, (_, c) => (0, c, 0, c + 1), pairs, seed);

    /// <summary>The same random plaintexts under two ciphers (e.g. master secrets one bit apart).</summary>
    public static BitBias RelatedKey(FeistelCipher e, FeistelCipher related, int pairs, ulong seed) =>
        Measure(e, related, (l, r) => (l, r, l, r), pairs, seed);
}
