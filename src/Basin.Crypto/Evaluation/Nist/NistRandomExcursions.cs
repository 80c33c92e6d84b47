using MathNet.Numerics;

namespace Basin.Crypto.Evaluation;

public static partial class NistTests
{
    /// <summary>The states of the random excursions test (§2.14): x = −4…−1, 1…4.</summary>
    public static IReadOnlyList<int> ExcursionStates { get; } = [-4, -3, -2, -1, 1, 2, 3, 4];

    /// <summary>The states of the random excursions variant test (§2.15): x = −9…−1, 1…9.</summary>
    public static IReadOnlyList<int> ExcursionVariantStates { get; } = [-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>
    /// The fewest cycles for which the specification applies the excursion tests: J ≥ max(0.005√n, 500) (§2.14.7).
    /// Below it the tests are "not applicable" and the sequence is left out of those tests' pass proportions.
    /// </summary>
    public static bool ExcursionsApplicable(int n, int cycles) => cycles >= Math.Max(0.005 * Math.Sqrt(n), 500);

    /// <summary>
    /// The number of cycles J of the random walk S_k = Σ_{i≤k} (2ε_i − 1) padded with a zero at both ends: the number of
    /// returns to zero after the start.
    /// </summary>
    public static int ExcursionCycles(byte[] e)
    {
        int s = 0, j = 0;
        foreach (var b in e) { s += 2 * b - 1; if (s == 0) j++; }
        return s == 0 ? j : j + 1;
    }

    /// <summary>
    /// 2.14 Random excursions, p-values for x = −4…−1, 1…4 (<see cref="ExcursionStates"/>): for each cycle of the walk,
    /// the number of visits to x, binned 0…5 (≥ 5 pooled) into v_k(x); π_0 = 1 − 1/(2|x|), π_k = (1/(4x²))(1 − 1/(2|x|))^{k−1}
    /// for k = 1…4, π_5 = (1/(2|x|))(1 − 1/(2|x|))^4; χ²(x) = Σ_k (v_k(x) − Jπ_k(x))²/(Jπ_k(x)), p = igamc(5/2, χ²/2).
    /// Computed whatever J is; whether the result counts is <see cref="ExcursionsApplicable"/>.
    /// </summary>
    public static double[] RandomExcursions(byte[] e)
    {
        var states = ExcursionStates;
        var v = new int[states.Count, 6];
        var visits = new int[9];   // index x + 4
        int s = 0, cycles = 0;
        void CloseCycle()
        {
            for (int i = 0; i < states.Count; i++) v[i, Math.Min(visits[states[i] + 4], 5)]++;
            Array.Clear(visits);
            cycles++;
        }
        foreach (var b in e)
        {
            s += 2 * b - 1;
            if (s == 0) CloseCycle();
            else if (s >= -4 && s <= 4) visits[s + 4]++;
        }
        if (s != 0) CloseCycle();
        var p = new double[states.Count];
        for (int i = 0; i < states.Count; i++)
        {
            double ax = Math.Abs(states[i]), q = 1 - 1 / (2 * ax);
            var pi = new double[6];
            pi[0] = q;
            for (int k = 1; k <= 4; k++) pi[k] = 1 / (4 * ax * ax) * Math.Pow(q, k - 1);
            pi[5] = 1 / (2 * ax) * Math.Pow(q, 4);
            double chi = 0;
            for (int k = 0; k < 6; k++) chi += (v[i, k] - cycles * pi[k]) * (v[i, k] - cycles * pi[k]) / (cycles * pi[k]);
            p[i] = Igamc(2.5, chi / 2);
        }
        return p;
    }

    /// <summary>
    /// 2.15 Random excursions variant, p-values for x = −9…−1, 1…9 (<see cref="ExcursionVariantStates"/>): ξ(x), the total
    /// number of visits of the walk to x, against J cycles: p = erfc(|ξ(x) − J| / √(2J(4|x| − 2))).
    /// </summary>
    public static double[] RandomExcursionsVariant(byte[] e)
    {
        var xi = new long[19];   // index x + 9
        int s = 0;
        foreach (var b in e)
        {
            s += 2 * b - 1;
            if (s >= -9 && s <= 9) xi[s + 9]++;
        }
        int j = ExcursionCycles(e);
        var states = ExcursionVariantStates;
        var p = new double[states.Count];
        for (int i = 0; i < states.Count; i++)
        {
            int x = states[i];
            p[i] = SpecialFunctions.Erfc(Math.Abs(xi[x + 9] - j) / Math.Sqrt(2.0 * j * (4 * Math.Abs(x) - 2)));
        }
        return p;
    }
}
