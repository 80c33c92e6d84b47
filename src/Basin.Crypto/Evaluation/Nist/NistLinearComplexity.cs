namespace Basin.Crypto.Evaluation;

public static partial class NistTests
{
    /// <summary>
    /// The linear complexity of <paramref name="s"/> (bits 0/1): the length of the shortest LFSR that generates it, by the
    /// Berlekamp–Massey algorithm over GF(2) (Massey 1969; SP 800-22 rev. 1a §2.10.4, e.g. 1101011110001 → 4).
    /// </summary>
    public static int BerlekampMassey(ReadOnlySpan<byte> s)
    {
        int n = s.Length;
        Span<byte> c = n <= 4096 ? stackalloc byte[n + 1] : new byte[n + 1];
        Span<byte> b = n <= 4096 ? stackalloc byte[n + 1] : new byte[n + 1];
        Span<byte> t = n <= 4096 ? stackalloc byte[n + 1] : new byte[n + 1];
        c.Clear(); b.Clear();
        c[0] = 1; b[0] = 1;
        int l = 0, m = -1;
        for (int i = 0; i < n; i++)
        {
            int d = s[i];
            for (int j = 1; j <= l; j++) d ^= c[j] & s[i - j];
            if (d == 0) continue;
            c.CopyTo(t);
            int shift = i - m;
            for (int j = 0; j + shift <= n; j++) c[j + shift] ^= b[j];
            if (2 * l <= i)
            {
                l = i + 1 - l;
                m = i;
                t.CopyTo(b);
            }
        }
        return l;
    }

    /// <summary>
    /// 2.10 Linear complexity: N = ⌊n/M⌋ blocks of M bits (default 500), L_i their linear complexities,
    /// μ = M/2 + (9 + (−1)^{M+1})/36 − (M/3 + 2/9)/2^M, T_i = (−1)^M (L_i − μ) + 2/9 binned at −2.5, −1.5, …, 2.5 into
    /// v_0…v_6 with π = (0.010417, 0.03125, 0.125, 0.5, 0.25, 0.0625, 0.020833); χ² = Σ (v_i − Nπ_i)²/(Nπ_i),
    /// p = igamc(3, χ²/2).
    /// </summary>
    public static double LinearComplexity(byte[] e, int blockLength = 500) => LinearComplexity(e, blockLength, ClassProbabilities);

    /// <summary>The class probabilities of §2.10.4: 1/96, 1/32, 1/8, 1/2, 1/4, 1/16, 1/48.</summary>
    public static IReadOnlyList<double> ClassProbabilities { get; } = [1 / 96.0, 1 / 32.0, 1 / 8.0, 1 / 2.0, 1 / 4.0, 1 / 16.0, 1 / 48.0];

    /// <summary>
    /// The class probabilities of the reference implementation (sts 2.1.2), whose first entry is 0.01047 instead of
    /// 1/96 = 0.010417; its Appendix B p-values are reproduced with these.
    /// </summary>
    public static IReadOnlyList<double> ReferenceImplementationClassProbabilities { get; } = [0.01047, 0.03125, 0.125, 0.5, 0.25, 0.0625, 0.020833];

    /// <summary>2.10 with the class probabilities <paramref name="pi"/> (seven classes).</summary>
    public static double LinearComplexity(byte[] e, int blockLength, IReadOnlyList<double> pi)
    {
        int n = e.Length / blockLength;
        if (n < 1) return double.NaN;
        double sign = blockLength % 2 == 0 ? 1 : -1;
        double mu = blockLength / 2.0 + (9 + -sign) / 36.0 - (blockLength / 3.0 + 2.0 / 9) / Math.Pow(2, blockLength);
        var v = new int[7];
        for (int i = 0; i < n; i++)
        {
            int li = BerlekampMassey(e.AsSpan(i * blockLength, blockLength));
            double ti = sign * (li - mu) + 2.0 / 9;
            int bin = ti <= -2.5 ? 0 : ti <= -1.5 ? 1 : ti <= -0.5 ? 2 : ti <= 0.5 ? 3 : ti <= 1.5 ? 4 : ti <= 2.5 ? 5 : 6;
            v[bin]++;
        }
        double chi = 0;
        for (int k = 0; k < 7; k++) chi += (v[k] - n * pi[k]) * (v[k] - n * pi[k]) / (n * pi[k]);
        return Igamc(3, chi / 2);
    }
}
