namespace Basin.Crypto.Evaluation;

/// <summary>
/// One test of the battery over many sequences, judged by both rules of SP 800-22 rev. 1a §4.2: the proportion of
/// sequences with p ≥ α = 0.01 must reach p̂ − 3√(p̂(1 − p̂)/m) (p̂ = 0.99, m the sequences the test applied to), and the
/// p-values must be uniform: P-value_T = igamc(9/2, χ²/2) ≥ 10⁻⁴ with χ² over ten equal bins (judged from 55 sequences on).
/// </summary>
/// <param name="Test">Test name (a template or excursion state is part of the name).</param>
/// <param name="Sequences">Sequences the test applied to (the excursion tests skip those with too few cycles).</param>
/// <param name="Passed">Sequences with p ≥ 0.01.</param>
/// <param name="MinimumProportion">The pass-proportion threshold for <paramref name="Sequences"/>.</param>
/// <param name="Uniformity">P-value_T of the p-values' histogram; NaN below 55 sequences.</param>
public sealed record NistTestSummary(string Test, int Sequences, int Passed, double MinimumProportion, double Uniformity)
{
    /// <summary>Passed / Sequences.</summary>
    public double Proportion => Sequences == 0 ? double.NaN : (double)Passed / Sequences;

    /// <summary>Whether the proportion reaches the threshold.</summary>
    public bool ProportionPasses => Sequences > 0 && Proportion >= MinimumProportion;

    /// <summary>Whether the p-values are uniform (true when there are too few sequences to judge).</summary>
    public bool UniformityPasses => double.IsNaN(Uniformity) || Uniformity >= 0.0001;

    /// <summary>Both rules.</summary>
    public bool Passes => ProportionPasses && UniformityPasses;
}

public static partial class NistTests
{
    /// <summary>
    /// All fifteen tests of SP 800-22 rev. 1a on one sequence with the specification's parameters for n ≈ 10⁶: block
    /// frequency M = 128, longest run M = 10⁴, non-overlapping templates m = 9 (all 148 aperiodic templates, N = 8),
    /// overlapping template m = 9, universal L by n, linear complexity M = 500, serial m = 16, approximate entropy m = 10,
    /// both cumulative sums, random excursions (8 states) and their variant (18 states) when the walk has enough cycles
    /// (<see cref="ExcursionsApplicable"/>; otherwise those results are absent). Sub-tests are named by test and
    /// parameter, e.g. <c>non_overlapping_template_000000001</c>, <c>random_excursions_x=-4</c>.
    /// </summary>
    public static List<NistResult> RunFifteen(byte[] bits)
    {
        var r = new List<NistResult>
        {
            new("frequency", Frequency(bits)),
            new("block_frequency", BlockFrequency(bits, 128)),
            new("cumulative_sums_forward", CumulativeSums(bits, forward: true)),
            new("cumulative_sums_backward", CumulativeSums(bits, forward: false)),
            new("runs", Runs(bits)),
            new("longest_run", LongestRun(bits)),
            new("rank", Rank(bits)),
            new("spectral", Spectral(bits)),
        };
        foreach (var (t, p) in NonOverlappingTemplates(bits, 9, 8)) r.Add(new($"non_overlapping_template_{TemplateString(t, 9)}", p));
        r.Add(new("overlapping_template", OverlappingTemplate(bits)));
        if (Universal(bits) is var u && !double.IsNaN(u)) r.Add(new("universal", u));
        r.Add(new("approximate_entropy", ApproximateEntropy(bits, 10)));
        if (ExcursionsApplicable(bits.Length, ExcursionCycles(bits)))
        {
            var ex = RandomExcursions(bits);
            for (int i = 0; i < ex.Length; i++) r.Add(new($"random_excursions_x={ExcursionStates[i]}", ex[i]));
            var va = RandomExcursionsVariant(bits);
            for (int i = 0; i < va.Length; i++) r.Add(new($"random_excursions_variant_x={ExcursionVariantStates[i]}", va[i]));
        }
        r.Add(new("linear_complexity", LinearComplexity(bits, 500)));
        var (s1, s2) = Serial(bits, 16);
        r.Add(new("serial_1", s1));
        r.Add(new("serial_2", s2));
        return r;
    }

    /// <summary>
    /// The uniformity of p-values (§4.2.2): F_i sequences in each of the ten bins [0, 0.1), …, [0.9, 1],
    /// χ² = Σ (F_i − s/10)²/(s/10), P-value_T = igamc(9/2, χ²/2); NaN for fewer than 55 p-values.
    /// </summary>
    public static double Uniformity(IReadOnlyList<double> pValues)
    {
        int s = pValues.Count;
        if (s < 55) return double.NaN;
        var f = new int[10];
        foreach (var p in pValues) f[Math.Clamp((int)(p * 10), 0, 9)]++;
        double chi = 0;
        foreach (var x in f) chi += (x - s / 10.0) * (x - s / 10.0) / (s / 10.0);
        return Igamc(4.5, chi / 2);
    }

    /// <summary>Judges every test over the per-sequence results <paramref name="perSequence"/> by both rules of §4.2, in first-seen order.</summary>
    public static List<NistTestSummary> Summarise(IEnumerable<IReadOnlyList<NistResult>> perSequence)
    {
        var byTest = new Dictionary<string, List<double>>();
        var order = new List<string>();
        foreach (var seq in perSequence)
            foreach (var r in seq)
            {
                if (!byTest.TryGetValue(r.Test, out var list)) { byTest[r.Test] = list = []; order.Add(r.Test); }
                list.Add(r.PValue);
            }
        return order.Select(t =>
        {
            var p = byTest[t];
            return new NistTestSummary(t, p.Count, p.Count(v => v >= 0.01), MinimumPassProportion(p.Count), Uniformity(p));
        }).ToList();
    }
}

/// <summary>
/// One of the fifteen tests of SP 800-22 judged over its sub-tests (148 templates, 8 and 18 excursion states, two serial
/// and two cumulative-sums p-values): it passes when every sub-test passes both rules of §4.2 — except that the three
/// families with ≥ 8 sub-tests may have as many failing sub-tests as a random generator has with probability ≥ 0.999
/// (binomial in the per-sub-test false-failure probability of the proportion rule), since 148 independent sub-tests at
/// α = 0.01 fail a few by chance.
/// </summary>
public sealed record NistFamily(string Test, int SubTests, int SubTestsPassed, int AllowedFailures)
{
    /// <summary>Whether the test passes.</summary>
    public bool Passes => SubTests > 0 && SubTests - SubTestsPassed <= AllowedFailures;
}

public static partial class NistTests
{
    /// <summary>The fifteen test names of SP 800-22 rev. 1a, in the specification's order.</summary>
    public static IReadOnlyList<string> FamilyNames { get; } =
    [
        "frequency", "block_frequency", "runs", "longest_run", "rank", "spectral", "non_overlapping_template", "overlapping_template",
        "universal", "linear_complexity", "serial", "approximate_entropy", "cumulative_sums", "random_excursions", "random_excursions_variant",
    ];

    /// <summary>The test a sub-test belongs to (<c>non_overlapping_template_000000001</c> → <c>non_overlapping_template</c>).</summary>
    public static string FamilyOf(string subTest) =>
        subTest.StartsWith("non_overlapping_template", StringComparison.Ordinal) ? "non_overlapping_template"
        : subTest.StartsWith("random_excursions_variant", StringComparison.Ordinal) ? "random_excursions_variant"
        : subTest.StartsWith("random_excursions", StringComparison.Ordinal) ? "random_excursions"
        : subTest.StartsWith("cumulative_sums", StringComparison.Ordinal) ? "cumulative_sums"
        : subTest.StartsWith("serial", StringComparison.Ordinal) ? "serial"
        : subTest;

    /// <summary>
    /// The probability that a sub-test of a random generator fails the proportion rule over <paramref name="sequences"/>
    /// sequences: P(X &lt; p_min·m) for X ~ Binomial(m, 0.99).
    /// </summary>
    public static double ProportionFalseFailure(int sequences)
    {
        int needed = (int)Math.Ceiling(MinimumPassProportion(sequences) * sequences - 1e-12);
        return needed <= 0 ? 0 : MathNet.Numerics.Distributions.Binomial.CDF(0.99, sequences, needed - 1);
    }

    /// <summary>Judges the fifteen tests from the sub-test summaries (absent families, e.g. universal on short sequences, are left out).</summary>
    public static List<NistFamily> Families(IReadOnlyList<NistTestSummary> summaries)
    {
        var result = new List<NistFamily>();
        foreach (var name in FamilyNames)
        {
            var subs = summaries.Where(s => FamilyOf(s.Test) == name).ToList();
            if (subs.Count == 0) continue;
            int allowed = 0;
            if (subs.Count >= 8)
            {
                double q = ProportionFalseFailure(subs.Max(s => s.Sequences));
                var binomial = new MathNet.Numerics.Distributions.Binomial(q, subs.Count);
                while (1 - binomial.CumulativeDistribution(allowed) >= 0.001) allowed++;
            }
            result.Add(new NistFamily(name, subs.Count, subs.Count(s => s.Passes), allowed));
        }
        return result;
    }
}
