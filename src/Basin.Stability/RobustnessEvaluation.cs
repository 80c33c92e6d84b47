using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability;

/// <summary>Robust accuracies per attack and budget, the per-image worst case, minimal distances and the sanity checks.</summary>
public sealed record RobustnessResult(
    string Model, int Count, double CleanAccuracy, double[] Epsilons, Dictionary<string, double[]> RobustAccuracy, double[] WorstCase,
    double MedianMinimalL2, double MedianMinimalL2Low, double MedianMinimalL2High, double MedianLipschitz,
    bool SuccessRisesWithEps, bool IterativeBeatsSingleStep, double DoubledIterationsChange, int GradientFreeOnlyWins, bool MaskingSuspected);

/// <summary>
/// Careful robustness evaluation (in the spirit of AutoAttack and Carlini et al.'s checklist): every correctly classified
/// image is attacked by FGSM, PGD with the margin and the cross-entropy loss, the gradient-free Square attack and uniform
/// noise at each L∞ budget; an image counts as robust only if all fail (per-image worst case). Sanity checks are computed
/// with every run: robust accuracy falls as ε grows, PGD is at least as strong as FGSM, doubling PGD's iterations changes
/// little, and Square never succeeds where every gradient attack failed — otherwise "gradient masking suspected".
/// </summary>
public static class RobustnessEvaluation
{
    /// <summary>Runs on the first <paramref name="count"/> images of <paramref name="data"/>.</summary>
    public static RobustnessResult Run(IClassifier c, LabeledImages data, int count, double[] epsilons, int iterations = 20, int squareQueries = 300,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        count = Math.Min(count, data.Count);
        string[] names = ["fgsm", "pgd-margin", "pgd-ce", "pgd-margin-2x", "square", "noise"];
        var robust = names.ToDictionary(n => n, _ => new int[epsilons.Length]);
        var worst = new int[epsilons.Length];
        int clean = 0, gradientFreeOnly = 0;
        var minimal = new List<double>();
        var lips = new List<double>();
        for (int i = 0; i < count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var img = data.Image(i);
            var x = new double[img.Length];
            for (int j = 0; j < x.Length; j++) x[j] = img[j];
            int y = data.Labels[i];
            progress?.Report(i + 1);
            if (Attack.Predict(c, x) != y) continue;
            clean++;
            for (int e = 0; e < epsilons.Length; e++)
            {
                double eps = epsilons[e];
                bool Fails(double[] adv) => Attack.Predict(c, adv) == y;
                var held = new Dictionary<string, bool>
                {
                    ["fgsm"] = Fails(Attack.Fgsm(c, x, y, eps)),
                    ["pgd-margin"] = Fails(Attack.Pgd(c, x, y, eps, Norm.LInf, iterations, 1, AttackLoss.Margin, (ulong)i + 1)),
                    ["pgd-ce"] = Fails(Attack.Pgd(c, x, y, eps, Norm.LInf, iterations, 1, AttackLoss.CrossEntropy, (ulong)i + 2)),
                    ["pgd-margin-2x"] = Fails(Attack.Pgd(c, x, y, eps, Norm.LInf, 2 * iterations, 1, AttackLoss.Margin, (ulong)i + 1)),
                    ["square"] = Fails(SquareAttack.Run(c, x, y, eps, squareQueries, (ulong)i + 3)),
                    ["noise"] = Fails(Attack.RandomNoise(x, eps, (ulong)i + 4)),
                };
                foreach (var (n, h) in held) if (h) robust[n][e]++;
                if (held.Values.All(h => h)) worst[e]++;
                bool whiteBoxFound = !held["fgsm"] || !held["pgd-margin"] || !held["pgd-ce"] || !held["pgd-margin-2x"];
                if (!whiteBoxFound && !held["square"]) gradientFreeOnly++;
            }
            var adv = Attack.MinimalL2(c, x, y);
            minimal.Add(adv is null ? double.PositiveInfinity : Math.Sqrt(adv.Zip(x, (a, b) => (a - b) * (a - b)).Sum()));
            if (lips.Count < 20) lips.Add(ClassifierLipschitz.SpectralNorm(c, x, iterations: 15));
        }
        var acc = names.ToDictionary(n => n, n => robust[n].Select(v => (double)v / count).ToArray());
        var worstAcc = worst.Select(v => (double)v / count).ToArray();
        var (med, lo, hi) = MedianWithCi(minimal, seed: 7);
        bool rises = true;
        for (int e = 1; e < worstAcc.Length; e++) rises &= worstAcc[e] <= worstAcc[e - 1];
        bool iterative = true;
        for (int e = 0; e < epsilons.Length; e++) iterative &= acc["pgd-margin"][e] <= acc["fgsm"][e] || acc["pgd-ce"][e] <= acc["fgsm"][e];
        double doubled = epsilons.Select((_, e) => Math.Abs(acc["pgd-margin-2x"][e] - acc["pgd-margin"][e])).Max();
        return new RobustnessResult(c.Name, count, (double)clean / count, epsilons, acc, worstAcc, med, lo, hi,
            lips.Count == 0 ? double.NaN : lips.OrderBy(v => v).ElementAt(lips.Count / 2), rises, iterative, doubled, gradientFreeOnly,
            gradientFreeOnly > 0 || !iterative);
    }

    /// <summary>Median and a 95 % bootstrap interval (1 000 resamples).</summary>
    public static (double Median, double Low, double High) MedianWithCi(IReadOnlyList<double> v, ulong seed)
    {
        if (v.Count == 0) return (double.NaN, double.NaN, double.NaN);
        static double Med(double[] a) { Array.Sort(a); return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]); }
        var rng = new Rng(seed);
        var meds = new double[1000];
        var buf = new double[v.Count];
        for (int r = 0; r < meds.Length; r++)
        {
            for (int i = 0; i < buf.Length; i++) buf[i] = v[rng.NextInt(v.Count)];
            meds[r] = Med(buf);
        }
        Array.Sort(meds);
        return (Med(v.ToArray()), meds[25], meds[974]);
    }
}

/// <summary>Local Lipschitz estimate of any classifier: ‖∂s/∂x‖₂ at x by power iteration (exact VJPs, central-difference JVPs).</summary>
public static class ClassifierLipschitz
{
    /// <summary>Spectral norm of the score Jacobian at <paramref name="x"/>.</summary>
    public static double SpectralNorm(IClassifier c, double[] x, int iterations = 20, double h = 1e-5, ulong seed = 1)
    {
        int d = c.Dimension, k = c.Classes;
        var v = Tensor.Normal(new Rng(seed), 0.0, 1.0, d).ToArray();
        double nv = Math.Sqrt(v.Sum(z => z * z));
        for (int i = 0; i < d; i++) v[i] /= nv;
        var sp = new double[k]; var sm = new double[k]; var jv = new double[k]; var jtu = new double[d]; var s = new double[k];
        var xp = new double[d]; var xm = new double[d];
        double sigma = 0;
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < d; i++) { xp[i] = x[i] + h * v[i]; xm[i] = x[i] - h * v[i]; }
            c.Scores(xp, 1, sp); c.Scores(xm, 1, sm);
            for (int j = 0; j < k; j++) jv[j] = (sp[j] - sm[j]) / (2 * h);
            c.InputGradient(x, 1, jv, jtu, s);
            double n = Math.Sqrt(jtu.Sum(z => z * z));
            if (!(n > 0)) return 0;
            sigma = Math.Sqrt(n);
            for (int i = 0; i < d; i++) v[i] = jtu[i] / n;
        }
        return sigma;
    }
}
