using System.Diagnostics;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability;

/// <summary>
/// Careful robustness evaluation in the spirit of AutoAttack (Croce &amp; Hein 2020) and Carlini et al.'s checklist. Every
/// correctly classified image is attacked at every budget of both norms:
/// L∞ — FGSM, PGD (margin and cross-entropy losses, random restarts), a transfer attack from a surrogate, sign noise, and
/// the score-based Square attack on the images every white-box attack failed on;
/// L2 — PGD (margin), DeepFool minimal L2, the decision-only HopSkipJump-style attack, transfer and Gaussian-direction noise.
/// An image counts as robust at a budget only if every attack failed there (per-image worst case); the worst case is then
/// extended with PGD on larger budgets until it reaches 0. Per image it records the smallest L2 perturbation any attack found
/// (DeepFool, HopSkipJump, PGD-L2), the smallest L∞ perturbation (bisection on the budget with PGD), the input-gradient norm
/// ‖∇ₓ CE‖₂, and on a few images the local Lipschitz constant ‖∂s/∂x‖₂. The <see cref="SanityChecks"/> are computed from
/// the same run.
/// </summary>
public static class RobustnessEvaluation
{
    private sealed class Curves(double[] eps, double[] ladder)
    {
        public readonly double[] Eps = eps, Ladder = ladder;
        public readonly Dictionary<string, (long[] Robust, long Images)> Attacks = [];
        public readonly long[] Worst = new long[eps.Length];
        public readonly long[] LadderRobust = new long[ladder.Length];
        public long Images;

        public void Add(string name, int e, bool[] success, bool[] inSubset, int subsetImages)
        {
            if (!Attacks.TryGetValue(name, out var v)) Attacks[name] = v = (new long[Eps.Length], 0);
            long robust = 0;
            for (int a = 0; a < success.Length; a++) if (inSubset[a] && !success[a]) robust++;
            v.Robust[e] += robust;
            if (e == 0) v.Images += subsetImages;
            Attacks[name] = v;
        }

        public NormCurves Build(string norm, bool extend)
        {
            var attacks = Attacks.Select(kv => new AttackCurve(kv.Key, (int)kv.Value.Images,
                kv.Value.Robust.Select(r => kv.Value.Images == 0 ? double.NaN : (double)r / kv.Value.Images).ToArray())).ToList();
            var worst = Worst.Select(w => (double)w / Images).ToArray();
            int used = 0;
            if (extend && worst[^1] > 0)
                while (used < Ladder.Length) { used++; if (LadderRobust[used - 1] == 0) break; }
            return new NormCurves(norm, Eps, attacks, worst, Ladder.Take(used).ToArray(), LadderRobust.Take(used).Select(w => (double)w / Images).ToArray());
        }
    }

    /// <summary>Runs on the first <paramref name="count"/> images of <paramref name="data"/>; <paramref name="progress"/> receives images done.</summary>
    public static RobustnessResult Run(IClassifier c, LabeledImages data, int count, RobustnessOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var o = (options ?? new RobustnessOptions()).Validate();
        if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
        count = Math.Min(count, data.Count);
        if (count < 1) throw new ArgumentException("Nothing to attack: count must be ≥ 1.");
        var sw = Stopwatch.StartNew();
        int d = c.Dimension;
        var linf = new Curves(o.LInfEpsilons, Ladder(o.LInfEpsilons[^1], 1.0));
        var l2 = new Curves(o.L2Epsilons, Ladder(o.L2Epsilons[^1], Math.Sqrt(d)));
        var wins = new Dictionary<string, int> { ["square"] = 0, ["transfer-linf"] = 0, ["noise-linf"] = 0, ["hopskipjump"] = 0, ["transfer-l2"] = 0, ["noise-l2"] = 0 };
        if (o.Surrogate is null) { wins.Remove("transfer-linf"); wins.Remove("transfer-l2"); }
        List<double> minL2 = [], minL2White = [], minL2Decision = [], minLInf = [], gradNorms = [], lips = [];
        var examples = new List<AdversarialExample>();
        int clean = 0;
        ulong seed = o.Seed;
        for (int start = 0; start < count; start += o.BatchSize)
        {
            cancel.ThrowIfCancellationRequested();
            int n = Math.Min(o.BatchSize, count - start);
            var xAll = new double[n * d];
            var yAll = new int[n];
            for (int i = 0; i < n; i++)
            {
                var img = data.Image(start + i);
                for (int j = 0; j < d; j++) xAll[i * d + j] = img[j];
                yAll[i] = data.Labels[start + i];
            }
            var predAll = Classifier.Predict(c, xAll, n);
            var ok = Enumerable.Range(0, n).Where(i => predAll[i] == yAll[i]).ToArray();
            clean += ok.Length;
            int m = ok.Length;
            var xs = Gather(xAll, ok, d);
            var ys = ok.Select(i => yAll[i]).ToArray();
            var all = Enumerable.Repeat(true, m).ToArray();
            var inCheck = ok.Select(i => start + i < o.CheckCount).ToArray();
            var inBlack = ok.Select(i => start + i < o.BlackBoxCount).ToArray();
            int checkImages = Math.Clamp(o.CheckCount - start, 0, n), blackImages = Math.Clamp(o.BlackBoxCount - start, 0, n);
            linf.Images += n; l2.Images += n;
            bool[] Succ(double[] adv, int[]? rows = null)
            {
                rows ??= Enumerable.Range(0, m).ToArray();
                var p = Classifier.Predict(c, adv, rows.Length);
                var s = new bool[m];
                for (int a = 0; a < rows.Length; a++) s[rows[a]] = p[a] != ys[rows[a]];
                return s;
            }
            double[] Fill(double e, int len) => Enumerable.Repeat(e, len).ToArray();

            // input-gradient norms ‖∇ₓ CE‖₂ at the clean images
            if (m > 0)
            {
                var g = new double[m * d];
                Attack.Gradients(c, xs, m, ys, AttackLoss.CrossEntropy, g, new double[m], new int[m]);
                for (int a = 0; a < m; a++) gradNorms.Add(Math.Sqrt(g.AsSpan(a * d, d).ToArray().Sum(v => v * v)));
            }

            // ---------------- L∞ ----------------
            var linfLo = new double[m]; var linfHi = Fill(double.PositiveInfinity, m); var linfAdv = new double[]?[m];
            var stillRobust = Enumerable.Repeat(true, m).ToArray();
            for (int e = 0; e < o.LInfEpsilons.Length && m > 0; e++)
            {
                double eps = o.LInfEpsilons[e];
                var ev = Fill(eps, m);
                var fgAdv = Attack.Fgsm(c, xs, ys, ev, Norm.LInf, AttackLoss.CrossEntropy);
                var fg = Succ(fgAdv);
                var pmAdv = Attack.Pgd(c, xs, ys, ev, Norm.LInf, o.Iterations, o.Restarts, AttackLoss.Margin, seed++);
                var pm = Succ(pmAdv);
                var pcAdv = Attack.Pgd(c, xs, ys, ev, Norm.LInf, o.Iterations, o.Restarts, AttackLoss.CrossEntropy, seed++);
                var pc = Succ(pcAdv);
                var white = fg.Zip(pm, (a, b) => a || b).Zip(pc, (a, b) => a || b).ToArray();
                linf.Add("fgsm", e, fg, all, n); linf.Add("pgd-margin", e, pm, all, n); linf.Add("pgd-ce", e, pc, all, n);
                DoubledChecks(c, xs, ys, ev, Norm.LInf, o, inCheck, checkImages, pm, white, linf, e, "pgd-margin", ref seed);
                var others = new List<(string Name, bool[] S, double[] Adv)> { ("fgsm", fg, fgAdv), ("pgd-margin", pm, pmAdv), ("pgd-ce", pc, pcAdv) };
                if (o.Surrogate != null)
                {
                    var tAdv = TransferAttack.Run(o.Surrogate, xs, ys, ev, Norm.LInf, o.Iterations, 1, seed++);
                    var t = Succ(tAdv);
                    linf.Add("transfer", e, t, all, n);
                    others.Add(("transfer-linf", t, tAdv));
                }
                var nAdv = Attack.RandomNoise(xs, d, ev, Norm.LInf, seed++);
                var no = Succ(nAdv);
                linf.Add("noise", e, no, all, n);
                others.Add(("noise-linf", no, nAdv));
                var sqRows = Enumerable.Range(0, m).Where(a => inBlack[a] && !white[a]).ToArray();
                var sq = new bool[m];
                if (sqRows.Length > 0 && o.SquareQueries > 0)
                {
                    var sAdv = SquareAttack.Run(c, Gather(xs, sqRows, d), sqRows.Select(a => ys[a]).ToArray(), Fill(eps, sqRows.Length), o.SquareQueries, seed++);
                    sq = Succ(sAdv, sqRows);
                    var full = new double[m * d];
                    for (int r = 0; r < sqRows.Length; r++) sAdv.AsSpan(r * d, d).CopyTo(full.AsSpan(sqRows[r] * d));
                    others.Add(("square", sq, full));
                }
                for (int a = 0; a < m; a++)
                {
                    bool any = white[a] || others.Any(q => q.S[a]);
                    foreach (var q in others) if (q.S[a] && !white[a] && wins.ContainsKey(q.Name)) wins[q.Name]++;
                    if (!any) { linf.Worst[e]++; continue; }
                    stillRobust[a] = false;
                    if (double.IsPositiveInfinity(linfHi[a]))
                    {
                        linfHi[a] = eps; linfLo[a] = e == 0 ? 0 : o.LInfEpsilons[e - 1];
                        var src = others.FirstOrDefault(q => q.S[a]);
                        linfAdv[a] = src.Adv?.AsSpan(a * d, d).ToArray();
                    }
                }
            }
            ExtendLadder(c, xs, ys, stillRobust, linf, Norm.LInf, o, ref seed, (a, eps, prev, adv) => { linfHi[a] = eps; linfLo[a] = prev; linfAdv[a] = adv; });
            if (m > 0 && o.MinimalLInfRounds > 0)
                minLInf.AddRange(MinimalLInf.Run(c, xs, ys, linfLo, linfHi, linfAdv, o.MinimalLInfRounds, o.Iterations, seed++));
            else for (int a = 0; a < m; a++) minLInf.Add(linfAdv[a] is { } adv ? Attack.LInf(adv, xs.AsSpan(a * d, d)) : double.PositiveInfinity);

            // ---------------- L2 ----------------
            var best = Fill(double.PositiveInfinity, m);
            var df = m > 0 ? Attack.MinimalL2(c, xs, ys) : [];
            var dfDist = new double[m];
            for (int a = 0; a < m; a++)
            {
                dfDist[a] = df[a] is { } adv ? Attack.L2(adv, xs.AsSpan(a * d, d)) : double.PositiveInfinity;
                if (df[a] is { } ex && examples.Count < 8) examples.Add(new AdversarialExample("deepfool", ys[a], Attack.Predict(c, ex), xs.AsSpan(a * d, d).ToArray(), ex));
            }
            var hsjRows = Enumerable.Range(0, m).Where(a => inBlack[a]).ToArray();
            var hsjDist = Fill(double.PositiveInfinity, m);
            if (hsjRows.Length > 0)
            {
                var h = HopSkipJump.Run(c, Gather(xs, hsjRows, d), hsjRows.Select(a => ys[a]).ToArray(), o.Decision, seed++);
                for (int r = 0; r < hsjRows.Length; r++) if (h[r] is { } adv) hsjDist[hsjRows[r]] = Attack.L2(adv, xs.AsSpan(hsjRows[r] * d, d));
            }
            stillRobust = Enumerable.Repeat(true, m).ToArray();
            for (int e = 0; e < o.L2Epsilons.Length && m > 0; e++)
            {
                double eps = o.L2Epsilons[e];
                var ev = Fill(eps, m);
                var plAdv = Attack.Pgd(c, xs, ys, ev, Norm.L2, o.Iterations, o.Restarts, AttackLoss.Margin, seed++);
                var pl = Succ(plAdv);
                for (int a = 0; a < m; a++) if (pl[a]) best[a] = Math.Min(best[a], Attack.L2(plAdv.AsSpan(a * d, d), xs.AsSpan(a * d, d)));
                var dfS = dfDist.Select(v => v <= eps).ToArray();
                var white = pl.Zip(dfS, (a, b) => a || b).ToArray();
                l2.Add("pgd-l2", e, pl, all, n); l2.Add("deepfool", e, dfS, all, n);
                DoubledChecks(c, xs, ys, ev, Norm.L2, o, inCheck, checkImages, pl, white, l2, e, "pgd-l2", ref seed);
                var others = new List<(string Name, bool[] S)>();
                var hs = hsjDist.Select(v => v <= eps).ToArray();
                if (blackImages > 0) { l2.Add("hopskipjump", e, hs, inBlack, blackImages); others.Add(("hopskipjump", hs)); }
                if (o.Surrogate != null)
                {
                    var t = Succ(TransferAttack.Run(o.Surrogate, xs, ys, ev, Norm.L2, o.Iterations, 1, seed++));
                    l2.Add("transfer", e, t, all, n);
                    others.Add(("transfer-l2", t));
                }
                var no = Succ(Attack.RandomNoise(xs, d, ev, Norm.L2, seed++));
                l2.Add("noise", e, no, all, n);
                others.Add(("noise-l2", no));
                for (int a = 0; a < m; a++)
                {
                    foreach (var q in others) if (q.S[a] && !white[a] && wins.ContainsKey(q.Name)) wins[q.Name]++;
                    if (white[a] || others.Any(q => q.S[a])) stillRobust[a] = false; else l2.Worst[e]++;
                }
            }
            ExtendLadder(c, xs, ys, stillRobust, l2, Norm.L2, o, ref seed, (a, eps, prev, adv) => best[a] = Math.Min(best[a], Attack.L2(adv, xs.AsSpan(a * d, d))));
            for (int a = 0; a < m; a++)
            {
                minL2White.Add(Math.Min(dfDist[a], best[a]));
                if (inBlack[a]) minL2Decision.Add(hsjDist[a]);
                minL2.Add(Math.Min(Math.Min(dfDist[a], best[a]), hsjDist[a]));
            }
            for (int a = 0; a < m && lips.Count < o.LipschitzCount; a++) lips.Add(ClassifierLipschitz.SpectralNorm(c, xs.AsSpan(a * d, d).ToArray(), iterations: 15));
            progress?.Report(start + n);
        }
        var linfCurves = linf.Build("linf", o.ExtendUntilZero);
        var l2Curves = l2.Build("l2", o.ExtendUntilZero);
        var checks = SanityChecks.Evaluate(linfCurves, l2Curves, wins, o.Tolerance);
        return new RobustnessResult(c.Name, count, (double)clean / count, linfCurves, l2Curves,
            Summary("worst case over DeepFool, PGD-L2 and HopSkipJump", minL2), Summary("white-box (DeepFool, PGD-L2)", minL2White),
            Summary("decision-only (HopSkipJump)", minL2Decision), Summary("PGD bisection on the L∞ budget", minLInf),
            gradNorms.ToArray(), Median(gradNorms), lips.ToArray(), Median(lips), checks, wins, SanityChecks.MaskingSuspected(checks), examples,
            sw.Elapsed.TotalSeconds);
    }

    /// <summary>PGD with doubled iterations and with doubled restarts on the check subset, next to the base run on the same images.</summary>
    private static void DoubledChecks(IClassifier c, double[] xs, int[] ys, double[] ev, Norm norm, RobustnessOptions o, bool[] inCheck, int checkImages,
        bool[] baseSuccess, bool[] white, Curves curves, int e, string name, ref ulong seed)
    {
        if (checkImages == 0) return;
        int d = c.Dimension;
        var rows = Enumerable.Range(0, ys.Length).Where(a => inCheck[a]).ToArray();
        var sub = Gather(xs, rows, d);
        var suby = rows.Select(a => ys[a]).ToArray();
        var subEps = rows.Select(a => ev[a]).ToArray();
        bool[] Run(int it, int restarts, ulong s)
        {
            var adv = rows.Length == 0 ? [] : Attack.Pgd(c, sub, suby, subEps, norm, it, restarts, AttackLoss.Margin, s);
            var p = rows.Length == 0 ? [] : Classifier.Predict(c, adv, rows.Length);
            var r = new bool[ys.Length];
            for (int q = 0; q < rows.Length; q++) r[rows[q]] = p[q] != suby[q];
            return r;
        }
        var it2 = Run(2 * o.Iterations, o.Restarts, seed++);
        var re2 = Run(o.Iterations, 2 * o.Restarts, seed++);
        curves.Add(name + "-base", e, baseSuccess, inCheck, checkImages);
        curves.Add(name + "-2x-iter", e, it2, inCheck, checkImages);
        curves.Add(name + "-2x-restarts", e, re2, inCheck, checkImages);
        for (int a = 0; a < ys.Length; a++) white[a] |= it2[a] || re2[a];
    }

    /// <summary>Budgets ε_max·1.5ʲ up to <paramref name="cap"/> (the last one is the cap itself).</summary>
    private static double[] Ladder(double last, double cap)
    {
        var r = new List<double>();
        for (double e = last * 1.5; e < cap; e *= 1.5) r.Add(e);
        if (last < cap) r.Add(cap);
        return r.ToArray();
    }

    /// <summary>On the images robust at the largest budget, PGD (margin and CE) climbs the ladder; <paramref name="broken"/> hears of each new break.</summary>
    private static void ExtendLadder(IClassifier c, double[] xs, int[] ys, bool[] stillRobust, Curves curves, Norm norm, RobustnessOptions o, ref ulong seed,
        Action<int, double, double, double[]> broken)
    {
        if (!o.ExtendUntilZero) return;
        int d = c.Dimension;
        double prev = curves.Eps[^1];
        for (int j = 0; j < curves.Ladder.Length; j++)
        {
            var rows = Enumerable.Range(0, ys.Length).Where(a => stillRobust[a]).ToArray();
            if (rows.Length == 0) break;
            double eps = curves.Ladder[j];
            var sub = Gather(xs, rows, d);
            var suby = rows.Select(a => ys[a]).ToArray();
            var ev = Enumerable.Repeat(eps, rows.Length).ToArray();
            foreach (var loss in new[] { AttackLoss.Margin, AttackLoss.CrossEntropy })
            {
                var adv = Attack.Pgd(c, sub, suby, ev, norm, o.Iterations, o.Restarts, loss, seed++);
                var p = Classifier.Predict(c, adv, rows.Length);
                for (int q = 0; q < rows.Length; q++)
                    if (p[q] != suby[q] && stillRobust[rows[q]]) { stillRobust[rows[q]] = false; broken(rows[q], eps, prev, adv.AsSpan(q * d, d).ToArray()); }
            }
            curves.LadderRobust[j] += stillRobust.Count(v => v);
            prev = eps;
        }
    }

    private static DistanceSummary Summary(string source, List<double> v)
    {
        var (med, lo, hi) = MedianWithCi(v, seed: 7);
        return new DistanceSummary(source, v.Count, med, lo, hi, v.ToArray());
    }

    private static double Median(List<double> v)
    {
        if (v.Count == 0) return double.NaN;
        var s = v.OrderBy(z => z).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    internal static double[] Gather(double[] src, int[] rows, int d)
    {
        var r = new double[rows.Length * d];
        for (int a = 0; a < rows.Length; a++) src.AsSpan(rows[a] * d, d).CopyTo(r.AsSpan(a * d));
        return r;
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
        var jv = new double[k]; var jtu = new double[d]; var s = new double[k];
        var xpm = new double[2 * d]; var spm = new double[2 * k];
        double sigma = 0;
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < d; i++) { xpm[i] = x[i] + h * v[i]; xpm[d + i] = x[i] - h * v[i]; }
            c.Scores(xpm, 2, spm);
            for (int j = 0; j < k; j++) jv[j] = (spm[j] - spm[k + j]) / (2 * h);
            c.InputGradient(x, 1, jv, jtu, s);
            double n = Math.Sqrt(jtu.Sum(z => z * z));
            if (!(n > 0)) return 0;
            sigma = Math.Sqrt(n);
            for (int i = 0; i < d; i++) v[i] = jtu[i] / n;
        }
        return sigma;
    }
}
