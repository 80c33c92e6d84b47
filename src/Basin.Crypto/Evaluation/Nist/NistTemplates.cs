using MathNet.Numerics;

namespace Basin.Crypto.Evaluation;

public static partial class NistTests
{
    /// <summary>
    /// The aperiodic templates of length <paramref name="m"/> in increasing binary order (first bit most significant):
    /// the m-bit words B that do not overlap themselves, i.e. no proper prefix of B equals the suffix of the same length.
    /// Occurrences of such a word can never overlap, which is what the non-overlapping template test assumes
    /// (SP 800-22 rev. 1a §2.7; 148 templates for m = 9, 284 for m = 10).
    /// </summary>
    public static IReadOnlyList<int> AperiodicTemplates(int m)
    {
        if (m < 2 || m > 16) throw new ArgumentOutOfRangeException(nameof(m), "template length must be 2…16");
        var list = new List<int>();
        for (int b = 0; b < 1 << m; b++)
        {
            bool aperiodic = true;
            for (int s = 1; s < m && aperiodic; s++)
                // prefix of length m − s (the high bits) against the suffix of the same length (the low bits)
                if (b >> s == (b & ((1 << (m - s)) - 1))) aperiodic = false;
            if (aperiodic) list.Add(b);
        }
        return list;
    }

    /// <summary>A template as the string of its bits, first bit first.</summary>
    public static string TemplateString(int template, int m) =>
        string.Create(m, template, (s, t) => { for (int i = 0; i < s.Length; i++) s[i] = (char)('0' + ((t >> (s.Length - 1 - i)) & 1)); });

    /// <summary>
    /// 2.7 Non-overlapping template matching for one template B (<paramref name="template"/>, m bits, first bit most
    /// significant) over <paramref name="blocks"/> blocks of M = ⌊n/N⌋ bits: W_j counts the occurrences in block j, the
    /// window jumping m bits after a match and 1 otherwise; μ = (M − m + 1)/2^m, σ² = M(2^−m − (2m − 1)2^−2m),
    /// χ² = Σ_j (W_j − μ)²/σ², p = igamc(N/2, χ²/2).
    /// </summary>
    public static double NonOverlappingTemplate(byte[] e, int template, int m, int blocks = 8)
    {
        int bigM = e.Length / blocks;
        var w = new int[blocks];
        for (int j = 0; j < blocks; j++)
        {
            int start = j * bigM, i = 0;
            while (i <= bigM - m)
            {
                if (WordAt(e, start + i, m) == template) { w[j]++; i += m; }
                else i++;
            }
        }
        return NonOverlappingPValue(w, bigM, m);
    }

    /// <summary>
    /// 2.7 for every aperiodic template of length <paramref name="m"/> at once, in one pass per block: for an aperiodic
    /// template the matches never overlap, so the count with the window's jump equals the number of positions at which
    /// the m-bit window equals the template.
    /// </summary>
    public static IReadOnlyList<(int Template, double PValue)> NonOverlappingTemplates(byte[] e, int m = 9, int blocks = 8)
    {
        int bigM = e.Length / blocks, size = 1 << m, mask = size - 1;
        var counts = new int[blocks, size];
        for (int j = 0; j < blocks; j++)
        {
            int start = j * bigM, word = 0;
            for (int i = 0; i < bigM; i++)
            {
                word = ((word << 1) | e[start + i]) & mask;
                if (i >= m - 1) counts[j, word]++;
            }
        }
        var result = new List<(int, double)>();
        var wj = new int[blocks];
        foreach (var t in AperiodicTemplates(m))
        {
            for (int j = 0; j < blocks; j++) wj[j] = counts[j, t];
            result.Add((t, NonOverlappingPValue(wj, bigM, m)));
        }
        return result;
    }

    private static double NonOverlappingPValue(int[] w, int bigM, int m)
    {
        double mu = (bigM - m + 1) / Math.Pow(2, m);
        double sigma2 = bigM * (1 / Math.Pow(2, m) - (2 * m - 1) / Math.Pow(2, 2 * m));
        double chi = 0;
        foreach (var x in w) chi += (x - mu) * (x - mu) / sigma2;
        return Igamc(w.Length / 2.0, chi / 2);
    }

    private static int WordAt(byte[] e, int start, int m)
    {
        int w = 0;
        for (int k = 0; k < m; k++) w = (w << 1) | e[start + k];
        return w;
    }

    /// <summary>
    /// The class probabilities π_0…π_K of the overlapping template test for the all-ones template of length m in blocks of
    /// M bits: with λ = (M − m + 1)/2^m and η = λ/2, π_0 = e^−η and π_u = e^−η 2^−u Σ_{l=1}^{u} C(u−1, l−1) η^l/l! for
    /// u &lt; K (§3.8), the last class taking the rest — as the reference implementation computes them (its Appendix B
    /// p-values are reproduced with these). That approximation is biased for the standard parameters (Hamano &amp; Kaneko
    /// 2007): with <paramref name="corrected"/> and m = 9, M = 1032, K = 5 the exact values of rev. 1a §3.8 are returned
    /// instead (0.364091, 0.185659, 0.139381, 0.100571, 0.070432, 0.139865), which the battery uses.
    /// </summary>
    public static double[] OverlappingClassProbabilities(int m, int bigM, int k, bool corrected = true)
    {
        if (corrected && m == 9 && bigM == 1032 && k == 5) return [0.364091, 0.185659, 0.139381, 0.100571, 0.070432, 0.139865];
        double eta = (bigM - m + 1) / Math.Pow(2, m) / 2;
        var pi = new double[k + 1];
        pi[0] = Math.Exp(-eta);
        for (int u = 1; u < k; u++)
        {
            double s = 0;
            for (int l = 1; l <= u; l++) s += SpecialFunctions.Binomial(u - 1, l - 1) * Math.Pow(eta, l) / SpecialFunctions.Factorial(l);
            pi[u] = Math.Exp(-eta) * s / Math.Pow(2, u);
        }
        pi[k] = 1 - pi.Take(k).Sum();
        return pi;
    }

    /// <summary>
    /// 2.8 Overlapping template matching: the all-ones template of m bits, N = ⌊n/M⌋ blocks of M bits; v_u counts the blocks
    /// with u overlapping occurrences (the window slides one bit after a match too), u ≥ K pooled; χ² = Σ (v_u − Nπ_u)²/(Nπ_u),
    /// p = igamc(K/2, χ²/2). Defaults are the specification's (m = 9, M = 1032, K = 5); <paramref name="corrected"/> as in
    /// <see cref="OverlappingClassProbabilities"/>.
    /// </summary>
    public static double OverlappingTemplate(byte[] e, int m = 9, int bigM = 1032, int k = 5, bool corrected = true)
    {
        int n = e.Length / bigM;
        var v = new int[k + 1];
        for (int j = 0; j < n; j++)
        {
            int run = 0, count = 0;
            for (int i = 0; i < bigM; i++)
            {
                run = e[j * bigM + i] == 1 ? run + 1 : 0;
                if (run >= m) count++;    // a run of r ≥ m ones holds r − m + 1 overlapping occurrences
            }
            v[Math.Min(count, k)]++;
        }
        var pi = OverlappingClassProbabilities(m, bigM, k, corrected);
        double chi = 0;
        for (int u = 0; u <= k; u++) chi += (v[u] - n * pi[u]) * (v[u] - n * pi[u]) / (n * pi[u]);
        return Igamc(k / 2.0, chi / 2);
    }
}
