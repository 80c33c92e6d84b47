using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Basin.Crypto.Evaluation;

/// <summary>One NIST SP 800-22 test result on one sequence.</summary>
public readonly record struct NistResult(string Test, double PValue);

/// <summary>
/// Statistical tests of NIST SP 800-22 rev. 1a (Rukhin et al. 2010), implemented from the specification, on bit sequences
/// (one bit per array element, 0/1): frequency, block frequency, runs, longest run of ones, binary matrix rank, discrete
/// Fourier transform (spectral), serial (two p-values), approximate entropy, cumulative sums (forward and backward).
/// p-values use the regularised upper incomplete gamma function igamc and erfc (MathNet.Numerics). Tested against the
/// worked examples of the specification.
/// </summary>
public static partial class NistTests
{
    /// <summary>Runs every test; sequences should have n ≥ 10⁶ bits for the parameters used here (m = 10 for serial/ApEn).</summary>
    public static List<NistResult> RunAll(byte[] bits)
    {
        var r = new List<NistResult>
        {
            new("frequency", Frequency(bits)),
            new("block_frequency", BlockFrequency(bits, 128)),
            new("runs", Runs(bits)),
            new("longest_run", LongestRun(bits)),
            new("rank", Rank(bits)),
            new("spectral", Spectral(bits)),
        };
        var (s1, s2) = Serial(bits, 10);
        r.Add(new("serial_1", s1));
        r.Add(new("serial_2", s2));
        r.Add(new("approximate_entropy", ApproximateEntropy(bits, 10)));
        r.Add(new("cumulative_sums_forward", CumulativeSums(bits, forward: true)));
        r.Add(new("cumulative_sums_backward", CumulativeSums(bits, forward: false)));
        return r;
    }

    /// <summary>The minimum pass proportion for <paramref name="m"/> sequences at α = 0.01: p̂ − 3√(p̂(1 − p̂)/m), p̂ = 0.99.</summary>
    public static double MinimumPassProportion(int m) => 0.99 - 3 * Math.Sqrt(0.99 * 0.01 / m);

    /// <summary>Bits of <paramref name="bytes"/>, least significant bit of each byte first.</summary>
    public static byte[] ToBits(ReadOnlySpan<byte> bytes)
    {
        var b = new byte[bytes.Length * 8];
        for (int i = 0; i < bytes.Length; i++) for (int j = 0; j < 8; j++) b[8 * i + j] = (byte)((bytes[i] >> j) & 1);
        return b;
    }

    /// <summary>Bits of a string of '0'/'1' characters.</summary>
    public static byte[] FromString(string s) => s.Where(c => c is '0' or '1').Select(c => (byte)(c - '0')).ToArray();

    private static double Igamc(double a, double x) => x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(a, x);

    /// <summary>2.1 Frequency (monobit).</summary>
    public static double Frequency(byte[] e)
    {
        long s = 0;
        foreach (var b in e) s += 2 * b - 1;
        return SpecialFunctions.Erfc(Math.Abs(s) / Math.Sqrt(e.Length) / Math.Sqrt(2));
    }

    /// <summary>2.2 Frequency within a block of M bits.</summary>
    public static double BlockFrequency(byte[] e, int m)
    {
        int n = e.Length / m;
        double chi = 0;
        for (int i = 0; i < n; i++)
        {
            int ones = 0;
            for (int j = 0; j < m; j++) ones += e[i * m + j];
            double pi = (double)ones / m - 0.5;
            chi += pi * pi;
        }
        chi *= 4.0 * m;
        return Igamc(n / 2.0, chi / 2);
    }

    /// <summary>2.3 Runs.</summary>
    public static double Runs(byte[] e)
    {
        int n = e.Length;
        double pi = e.Sum(b => (double)b) / n;
        if (Math.Abs(pi - 0.5) >= 2 / Math.Sqrt(n)) return 0;
        long v = 1;
        for (int k = 0; k < n - 1; k++) if (e[k] != e[k + 1]) v++;
        return SpecialFunctions.Erfc(Math.Abs(v - 2 * n * pi * (1 - pi)) / (2 * Math.Sqrt(2 * n) * pi * (1 - pi)));
    }

    /// <summary>2.4 Longest run of ones in a block (M = 10⁴ for n ≥ 750 000, else M = 128).</summary>
    public static double LongestRun(byte[] e)
    {
        int m; int[] edges; double[] pi;
        if (e.Length >= 750_000) { m = 10_000; edges = [10, 11, 12, 13, 14, 15, 16]; pi = [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727]; }
        else if (e.Length >= 6272) { m = 128; edges = [4, 5, 6, 7, 8, 9]; pi = [0.1174, 0.2430, 0.2493, 0.1752, 0.1027, 0.1124]; }
        else { m = 8; edges = [1, 2, 3, 4]; pi = [0.2148, 0.3672, 0.2305, 0.1875]; }
        int n = e.Length / m, k = pi.Length - 1;
        var v = new int[pi.Length];
        for (int i = 0; i < n; i++)
        {
            int run = 0, best = 0;
            for (int j = 0; j < m; j++) { run = e[i * m + j] == 1 ? run + 1 : 0; best = Math.Max(best, run); }
            int c = 0;
            while (c < k && best > edges[c]) c++;
            v[c]++;
        }
        double chi = 0;
        for (int c = 0; c <= k; c++) chi += (v[c] - n * pi[c]) * (v[c] - n * pi[c]) / (n * pi[c]);
        return Igamc(k / 2.0, chi / 2);
    }

    /// <summary>2.5 Binary matrix rank (32×32 matrices over GF(2)).</summary>
    public static double Rank(byte[] e)
    {
        int n = e.Length / 1024;
        if (n < 1) return double.NaN;
        int f32 = 0, f31 = 0;
        var rows = new uint[32];
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < 32; r++)
            {
                uint w = 0;
                for (int c = 0; c < 32; c++) w |= (uint)e[i * 1024 + r * 32 + c] << c;
                rows[r] = w;
            }
            int rank = Gf2Rank(rows);
            if (rank == 32) f32++; else if (rank == 31) f31++;
        }
        double p32 = RankProbability(32, 32, 32), p31 = RankProbability(31, 32, 32), p30 = 1 - p32 - p31;
        int rest = n - f32 - f31;
        double chi = (f32 - p32 * n) * (f32 - p32 * n) / (p32 * n) + (f31 - p31 * n) * (f31 - p31 * n) / (p31 * n) + (rest - p30 * n) * (rest - p30 * n) / (p30 * n);
        return Math.Exp(-chi / 2);
    }

    /// <summary>
    /// The probability that a random M×Q matrix over GF(2) has rank r (§3.5):
    /// p_r = 2^{r(Q+M−r)−MQ} Π_{i=0}^{r−1} (1 − 2^{i−Q})(1 − 2^{i−M})/(1 − 2^{i−r}); 0.288788, 0.577576 and 0.133636 for
    /// r = 32, 31 and ≤ 30 at M = Q = 32 (the rounded 0.2888, 0.5776, 0.1336 printed in §2.5 shift p by about 10⁻³).
    /// </summary>
    public static double RankProbability(int r, int m, int q)
    {
        double p = Math.Pow(2, r * (q + m - r) - m * q);
        for (int i = 0; i < r; i++) p *= (1 - Math.Pow(2, i - q)) * (1 - Math.Pow(2, i - m)) / (1 - Math.Pow(2, i - r));
        return p;
    }

    private static int Gf2Rank(uint[] src)
    {
        var m = (uint[])src.Clone();
        int rank = 0;
        for (int col = 0; col < 32 && rank < 32; col++)
        {
            uint bit = 1u << col;
            int piv = -1;
            for (int r = rank; r < 32; r++) if ((m[r] & bit) != 0) { piv = r; break; }
            if (piv < 0) continue;
            (m[rank], m[piv]) = (m[piv], m[rank]);
            for (int r = 0; r < 32; r++) if (r != rank && (m[r] & bit) != 0) m[r] ^= m[rank];
            rank++;
        }
        return rank;
    }

    /// <summary>2.6 Discrete Fourier transform (spectral) test.</summary>
    public static double Spectral(byte[] e)
    {
        int n = e.Length;
        var x = new System.Numerics.Complex[n];
        for (int i = 0; i < n; i++) x[i] = 2 * e[i] - 1;
        Fourier.Forward(x, FourierOptions.NoScaling);
        double t = Math.Sqrt(Math.Log(1 / 0.05) * n), n0 = 0.95 * n / 2;
        int n1 = 0;
        for (int i = 0; i < n / 2; i++) if (x[i].Magnitude < t) n1++;
        double d = (n1 - n0) / Math.Sqrt(n * 0.95 * 0.05 / 4);
        return SpecialFunctions.Erfc(Math.Abs(d) / Math.Sqrt(2));
    }

    /// <summary>Counts of the 2^m overlapping m-bit patterns of the sequence extended cyclically by its first m − 1 bits.</summary>
    private static long[] PatternCounts(byte[] e, int m)
    {
        int n = e.Length;
        var counts = new long[1 << m];
        int w = 0, mask = (1 << m) - 1;
        for (int i = 0; i < m - 1; i++) w = (w << 1) | e[i];
        for (int i = 0; i < n; i++) { w = ((w << 1) | e[(i + m - 1) % n]) & mask; counts[w]++; }
        return counts;
    }

    private static double Psi2(byte[] e, int m)
    {
        if (m <= 0) return 0;
        int n = e.Length;
        var counts = PatternCounts(e, m);
        double s = 0;
        foreach (var c in counts) s += (double)c * c;
        return s * (1 << m) / n - n;
    }

    /// <summary>2.11 Serial test with pattern length m (both p-values).</summary>
    public static (double P1, double P2) Serial(byte[] e, int m)
    {
        double a = Psi2(e, m), b = Psi2(e, m - 1), c = Psi2(e, m - 2);
        return (Igamc(Math.Pow(2, m - 2), (a - b) / 2), Igamc(Math.Pow(2, m - 3), (a - 2 * b + c) / 2));
    }

    private static double Phi(byte[] e, int m)
    {
        int n = e.Length;
        var counts = PatternCounts(e, m);
        double s = 0;
        foreach (var c in counts) if (c > 0) s += (double)c / n * Math.Log((double)c / n);
        return s;
    }

    /// <summary>2.12 Approximate entropy with block length m.</summary>
    public static double ApproximateEntropy(byte[] e, int m)
    {
        double apen = Phi(e, m) - Phi(e, m + 1);
        double chi = 2.0 * e.Length * (Math.Log(2) - apen);
        return Igamc(Math.Pow(2, m - 1), chi / 2);
    }

    /// <summary>2.13 Cumulative sums (mode 0 = forward, 1 = backward).</summary>
    public static double CumulativeSums(byte[] e, bool forward)
    {
        int n = e.Length;
        long s = 0, z = 0;
        for (int i = 0; i < n; i++)
        {
            s += 2 * e[forward ? i : n - 1 - i] - 1;
            z = Math.Max(z, Math.Abs(s));
        }
        static double N(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));
        double sq = Math.Sqrt(n), sum1 = 0, sum2 = 0;
        // integer division truncating toward zero, as in the specification's reference code
        for (long k = (-n / z + 1) / 4; k <= (n / z - 1) / 4; k++)
            sum1 += N((4.0 * k + 1) * z / sq) - N((4.0 * k - 1) * z / sq);
        for (long k = (-n / z - 3) / 4; k <= (n / z - 1) / 4; k++)
            sum2 += N((4.0 * k + 3) * z / sq) - N((4.0 * k + 1) * z / sq);
        return 1 - sum1 + sum2;
    }
}
