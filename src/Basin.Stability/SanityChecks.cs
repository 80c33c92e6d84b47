namespace Basin.Stability;

/// <summary>One sanity check of a robustness evaluation.</summary>
/// <param name="Name">What is checked.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Detail">The numbers behind the verdict.</param>
/// <param name="IndicatesMasking">Whether a failure points at gradient masking (rather than, say, an unconverged attack).</param>
public sealed record SanityCheck(string Name, bool Passed, string Detail, bool IndicatesMasking);

/// <summary>
/// The checks of careful robustness evaluation (Carlini et al. 2019, "On evaluating adversarial robustness"; Croce &amp;
/// Hein 2020, AutoAttack), computed from the per-attack curves and per-image outcomes of one run:
/// success rises with ε; iterative attacks beat single-step ones; doubling iterations or restarts changes nothing;
/// score-based, decision-based, transfer and noise attacks never succeed on an image where every white-box attack failed;
/// an unbounded attack reaches 100 % success. Failures of the masking-type checks mean "gradient masking suspected".
/// </summary>
public static class SanityChecks
{
    /// <summary>Builds the checks from the curves of both norms.</summary>
    /// <param name="linf">L∞ curves (attacks "fgsm-linf", "pgd-margin-linf", "pgd-ce-linf", optional "pgd-margin-linf-2x-iter"/"-2x-restarts" with their "…-base").</param>
    /// <param name="l2">L2 curves.</param>
    /// <param name="blackBoxOnlyWins">(image, budget) pairs where a black-box attack succeeded and every white-box one failed, per attack.</param>
    /// <param name="tolerance">Largest change that counts as none.</param>
    public static List<SanityCheck> Evaluate(NormCurves linf, NormCurves l2, IReadOnlyDictionary<string, int> blackBoxOnlyWins, double tolerance)
    {
        var checks = new List<SanityCheck>();
        var rising = new List<string>();
        foreach (var curves in new[] { linf, l2 })
        {
            foreach (var a in curves.Attacks.Where(a => !a.Attack.StartsWith("noise", StringComparison.Ordinal)))
                for (int e = 1; e < a.RobustAccuracy.Length; e++)
                    if (a.RobustAccuracy[e] > a.RobustAccuracy[e - 1] + tolerance + 1e-9)
                        rising.Add($"{curves.Norm} {a.Attack}: {a.RobustAccuracy[e - 1]:P1} at ε={curves.Epsilons[e - 1]:G3} → {a.RobustAccuracy[e]:P1} at ε={curves.Epsilons[e]:G3}");
            for (int e = 1; e < curves.WorstCase.Length; e++)
                if (curves.WorstCase[e] > curves.WorstCase[e - 1] + 1e-12) rising.Add($"{curves.Norm} worst case at ε={curves.Epsilons[e]:G3}");
        }
        checks.Add(new SanityCheck("success rises with ε", rising.Count == 0, rising.Count == 0 ? "every curve is non-increasing" : string.Join("; ", rising), true));

        var fgsm = linf.Get("fgsm-linf"); var pm = linf.Get("pgd-margin-linf"); var pc = linf.Get("pgd-ce-linf");
        var worse = new List<string>();
        if (fgsm != null && pm != null && pc != null)
            for (int e = 0; e < linf.Epsilons.Length; e++)
                if (Math.Min(pm.RobustAccuracy[e], pc.RobustAccuracy[e]) > fgsm.RobustAccuracy[e])
                    worse.Add($"ε={linf.Epsilons[e]:G3}: PGD {Math.Min(pm.RobustAccuracy[e], pc.RobustAccuracy[e]):P1} > FGSM {fgsm.RobustAccuracy[e]:P1}");
        checks.Add(new SanityCheck("iterative beats single-step (PGD ≤ FGSM robust accuracy)", worse.Count == 0,
            worse.Count == 0 ? "at every L∞ budget" : string.Join("; ", worse), true));

        foreach (var (variant, label) in new[] { ("2x-iter", "doubling iterations changes nothing"), ("2x-restarts", "doubling restarts changes nothing") })
        {
            double worst = 0; string where = "";
            foreach (var curves in new[] { linf, l2 })
            {
                var bas = curves.Get($"pgd-margin-{curves.Norm}-base");
                var dbl = curves.Get($"pgd-margin-{curves.Norm}-{variant}");
                if (bas == null || dbl == null) continue;
                for (int e = 0; e < curves.Epsilons.Length; e++)
                {
                    double diff = Math.Abs(bas.RobustAccuracy[e] - dbl.RobustAccuracy[e]);
                    if (diff > worst) { worst = diff; where = $" ({curves.Norm} ε={curves.Epsilons[e]:G3}: {bas.RobustAccuracy[e]:P1} → {dbl.RobustAccuracy[e]:P1}, first {bas.Images} images)"; }
                }
            }
            checks.Add(new SanityCheck(label, worst <= tolerance + 1e-9, $"largest change {worst:P1}{where}", false));
        }

        int total = blackBoxOnlyWins.Values.Sum();
        checks.Add(new SanityCheck("gradient-free, decision-only, transfer and noise attacks never beat the white-box ones on the same image", total == 0,
            total == 0 ? "no (image, ε) where only a black-box attack succeeded"
                       : string.Join(", ", blackBoxOnlyWins.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key}: {kv.Value} (image, ε) pairs")), true));

        var unreached = new List<string>();
        foreach (var curves in new[] { linf, l2 })
        {
            double last = curves.ExtendedWorstCase.Length > 0 ? curves.ExtendedWorstCase[^1] : curves.WorstCase[^1];
            double lastEps = curves.ExtendedEpsilons.Length > 0 ? curves.ExtendedEpsilons[^1] : curves.Epsilons[^1];
            if (last > 0) unreached.Add($"{curves.Norm}: {last:P1} still robust at ε={lastEps:G3}");
        }
        checks.Add(new SanityCheck("an unbounded attack reaches 0 % robust accuracy", unreached.Count == 0,
            unreached.Count == 0 ? "both norms reach 0" : string.Join("; ", unreached), true));
        return checks;
    }

    /// <summary>True when a check that points at gradient masking failed.</summary>
    public static bool MaskingSuspected(IEnumerable<SanityCheck> checks) => checks.Any(c => c.IndicatesMasking && !c.Passed);
}
