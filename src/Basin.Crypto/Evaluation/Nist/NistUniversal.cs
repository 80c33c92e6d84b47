using MathNet.Numerics;

namespace Basin.Crypto.Evaluation;

public static partial class NistTests
{
    // Expected value and variance of the statistic for L = 1…16 (SP 800-22 rev. 1a §2.9.4 and §3.9).
    private static readonly double[] UniversalExpected =
        [0, 0.7326495, 1.5374383, 2.4016068, 3.3112247, 4.2534266, 5.2177052, 6.1962507, 7.1836656, 8.1764248, 9.1723243, 10.170032, 11.168765, 12.168070, 13.167693, 14.167488, 15.167379];
    private static readonly double[] UniversalVariance =
        [0, 0.690, 1.338, 1.901, 2.358, 2.705, 2.954, 3.125, 3.238, 3.311, 3.356, 3.384, 3.401, 3.410, 3.416, 3.419, 3.421];

    /// <summary>The block length L the specification recommends for n bits (§2.9.7: n ≥ 387 840 → 6, ≥ 904 960 → 7, …), with Q = 10·2^L.</summary>
    public static int UniversalBlockLength(int n)
    {
        int[] thresholds = [387_840, 904_960, 2_068_480, 4_654_080, 10_342_400, 22_753_280, 49_643_520, 107_560_960, 231_669_760, 496_435_200, 1_059_061_760];
        int l = 5;
        foreach (var t in thresholds) if (n >= t) l++;
        return l;
    }

    /// <summary>
    /// The statistic f_n of Maurer's universal test: the sequence cut into L-bit blocks, the first Q initialise a table of
    /// the last position of each pattern, and f_n = (1/K) Σ_{i=Q+1}^{Q+K} log₂(i − T[block_i]) over the remaining K blocks.
    /// </summary>
    public static double UniversalStatistic(byte[] e, int l, int q)
    {
        int k = e.Length / l - q;
        if (k <= 0) throw new ArgumentException($"Maurer's universal test needs more than Q = {q} blocks of {l} bits.");
        var last = new int[1 << l];
        for (int i = 1; i <= q; i++) last[WordAt(e, (i - 1) * l, l)] = i;
        double sum = 0;
        for (int i = q + 1; i <= q + k; i++)
        {
            int w = WordAt(e, (i - 1) * l, l);
            sum += Math.Log2(i - last[w]);
            last[w] = i;
        }
        return sum / k;
    }

    /// <summary>
    /// 2.9 Maurer's "universal statistical" test: p = erfc(|f_n − E(L)| / (√2 σ)), σ = c·√(Var(L)/K),
    /// c = 0.7 − 0.8/L + (4 + 32/L)·K^(−3/L)/15. L from <see cref="UniversalBlockLength"/> unless given; NaN below
    /// n = 387 840 bits where the specification does not apply the test.
    /// </summary>
    public static double Universal(byte[] e, int l = 0)
    {
        if (l == 0)
        {
            if (e.Length < 387_840) return double.NaN;
            l = UniversalBlockLength(e.Length);
        }
        int q = 10 * (1 << l), k = e.Length / l - q;
        double fn = UniversalStatistic(e, l, q);
        double c = 0.7 - 0.8 / l + (4 + 32.0 / l) * Math.Pow(k, -3.0 / l) / 15;
        double sigma = c * Math.Sqrt(UniversalVariance[l] / k);
        return SpecialFunctions.Erfc(Math.Abs(fn - UniversalExpected[l]) / (Math.Sqrt(2) * sigma));
    }
}
