using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability;

/// <summary>
/// <see cref="RobustnessEvaluation"/> on one batch of images: the attacks of one norm at every budget, the per-image worst
/// case, the ladder beyond the largest budget and the minimal distances. Every random choice draws from the batch's seed.
/// </summary>
internal sealed class BatchEvaluation(IClassifier c, ImageBatch batch, RobustnessOptions o, double[] linfLadder, double[] l2Ladder, ulong seed)
{
    private enum Subset { All, Check, Black }

    /// <summary>One norm's outcome on the correctly classified rows.</summary>
    private sealed class Pass(int m)
    {
        public readonly List<(string Name, Subset Subset)> Curves = [];
        public readonly Dictionary<string, bool[][]> Robust = [];
        public readonly List<bool[]> Worst = [];
        public readonly int[] Survived = new int[m];
        public readonly double[] White = Fill(double.PositiveInfinity, m), Decision = Fill(double.PositiveInfinity, m);
        public readonly double[] Lo = new double[m], Hi = Fill(double.PositiveInfinity, m);
        public readonly double[]?[] Known = new double[]?[m];
        public readonly Dictionary<string, int>[] Wins = Enumerable.Range(0, m).Select(_ => new Dictionary<string, int>()).ToArray();
        public readonly AdversarialExample?[] Examples = new AdversarialExample?[m];

        public void Register(string name, Subset subset)
        {
            Curves.Add((name, subset));
            Robust[name] = new bool[m][];
        }

        public void Record(string name, int e, int epsCount, bool[] success, bool[] member)
        {
            var r = Robust[name];
            for (int a = 0; a < success.Length; a++)
                if (member[a]) (r[a] ??= new bool[epsCount])[e] = !success[a];
        }
    }

    private readonly int _d = c.Dimension;
    private ulong _seed = seed;
    private int[] _ok = [];
    private double[] _xs = [];
    private int[] _ys = [];
    private bool[] _all = [], _check = [], _black = [];

    private AttackSettings Settings(int iterations = 0, int restarts = 0) =>
        new(iterations > 0 ? iterations : o.Iterations, restarts > 0 ? restarts : o.Restarts, o.SquareQueries, o.Decision, o.Surrogate, o.MinimalLInfRounds, _seed++);

    private static double[] Fill(double v, int n) => Enumerable.Repeat(v, n).ToArray();

    /// <summary>Attacks the batch; one record per image, in order.</summary>
    public List<RobustnessImage> Run()
    {
        int n = batch.Count;
        var pred = Classifier.Predict(c, batch.Pixels, n);
        _ok = Enumerable.Range(0, n).Where(i => pred[i] == batch.Labels[i]).ToArray();
        int m = _ok.Length;
        _xs = RobustnessEvaluation.Gather(batch.Pixels, _ok, _d);
        _ys = _ok.Select(i => batch.Labels[i]).ToArray();
        _all = Enumerable.Repeat(true, m).ToArray();
        _check = _ok.Select(i => batch.Start + i < o.CheckCount).ToArray();
        _black = _ok.Select(i => batch.Start + i < o.BlackBoxCount).ToArray();
        var grad = new double[m * _d];
        if (m > 0) Attack.Gradients(c, _xs, m, _ys, AttackLoss.CrossEntropy, grad, new double[m], new int[m]);
        var linf = RunNorm(Norm.LInf, o.LInfEpsilons, linfLadder);
        var minLInf = new double[m];
        if (m > 0 && o.MinimalLInfRounds > 0) minLInf = MinimalLInf.Search(c, _xs, _ys, linf.Lo, linf.Hi, linf.Known, o.MinimalLInfRounds, o.Iterations, _seed++);
        else for (int a = 0; a < m; a++) minLInf[a] = linf.Known[a] is { } k ? Attack.LInf(k, _xs.AsSpan(a * _d, _d)) : double.PositiveInfinity;
        var l2 = RunNorm(Norm.L2, o.L2Epsilons, l2Ladder);
        var result = new List<RobustnessImage>(n);
        for (int i = 0, a = 0; i < n; i++)
        {
            int index = batch.Start + i;
            bool correct = a < m && _ok[a] == i;
            var member = new Dictionary<Subset, bool>
            {
                [Subset.All] = true, [Subset.Check] = index < o.CheckCount, [Subset.Black] = index < o.BlackBoxCount,
            };
            ImageCurves Curves(Pass p, int epsCount, int row) => new(
                p.Curves.Where(q => member[q.Subset]).ToDictionary(q => q.Name, q => correct ? p.Robust[q.Name][row]! : new bool[epsCount]),
                correct ? Enumerable.Range(0, epsCount).Select(e => p.Worst[e][row]).ToArray() : new bool[epsCount],
                correct ? p.Survived[row] : 0);
            if (!correct)
            {
                result.Add(new RobustnessImage(index, batch.Labels[i], false, Curves(linf, o.LInfEpsilons.Length, 0), Curves(l2, o.L2Epsilons.Length, 0),
                    null, null, null, null, null, null, [], null));
                continue;
            }
            var x = _xs.AsSpan(a * _d, _d).ToArray();
            double gn = Math.Sqrt(grad.AsSpan(a * _d, _d).ToArray().Sum(v => v * v));
            double? lip = index < o.LipschitzCount ? ClassifierLipschitz.SpectralNorm(c, x, iterations: 15) : null;
            var wins = new Dictionary<string, int>(linf.Wins[a]);
            foreach (var kv in l2.Wins[a]) wins[kv.Key] = kv.Value;
            result.Add(new RobustnessImage(index, _ys[a], true, Curves(linf, o.LInfEpsilons.Length, a), Curves(l2, o.L2Epsilons.Length, a),
                Math.Min(l2.White[a], l2.Decision[a]), l2.White[a], _black[a] ? l2.Decision[a] : null, minLInf[a], gn, lip, wins, l2.Examples[a]));
            a++;
        }
        return result;
    }

    /// <summary>Every attack of <paramref name="norm"/> at every budget, then the ladder.</summary>
    private Pass RunNorm(Norm norm, double[] budgets, double[] ladder)
    {
        int m = _ys.Length, epsCount = budgets.Length;
        var p = new Pass(m);
        string suffix = norm == Norm.LInf ? "linf" : "l2";
        // the minimal-L∞ search runs afterwards from the bracket these curves give; transfer needs a surrogate; AutoAttack
        // only recombines attacks run here
        var attacks = AttackCatalogue.All.Where(a => a.Norm == norm && a is not MinimalLInf && a is not AutoAttack && (a.Kind != AttackKind.Transfer || o.Surrogate != null)).ToList();
        var fixedGradient = attacks.Where(a => !a.MinimalNorm && a.Kind == AttackKind.Gradient).ToList();
        var minimal = attacks.Where(a => a.MinimalNorm).ToList();
        var fixedOther = attacks.Where(a => !a.MinimalNorm && a.Kind != AttackKind.Gradient).ToList();
        var check = AttackCatalogue.Find($"pgd-margin-{suffix}");
        foreach (var a in attacks.Where(a => a.Kind != AttackKind.Gradient))
            foreach (var w in p.Wins) w[a.Name] = 0;
        int checkImages = Math.Clamp(o.CheckCount - batch.Start, 0, batch.Count), blackImages = Math.Clamp(o.BlackBoxCount - batch.Start, 0, batch.Count);
        // the curves and the images they count are fixed by the options alone (misclassified images count as not robust)
        foreach (var a in fixedGradient.Concat(minimal.Where(a => a.Kind == AttackKind.Gradient))) p.Register(a.Name, Subset.All);
        if (checkImages > 0) foreach (var v in new[] { "-base", "-2x-iter", "-2x-restarts" }) p.Register(check.Name + v, Subset.Check);
        foreach (var a in fixedOther.Where(a => a.Kind != AttackKind.ScoreOnly)) p.Register(a.Name, Subset.All);
        if (blackImages > 0) foreach (var a in minimal.Where(a => a.Kind != AttackKind.Gradient)) p.Register(a.Name, Subset.Black);
        if (m == 0) return p;

        var minDist = new Dictionary<string, double[]>();
        foreach (var a in minimal)
        {
            var rows = Enumerable.Range(0, m).Where(r => a.Kind == AttackKind.Gradient || _black[r]).ToArray();
            var dist = Fill(double.PositiveInfinity, m);
            minDist[a.Name] = dist;
            if (rows.Length == 0) continue;
            var ys = rows.Select(r => _ys[r]).ToArray();
            var adv = a.Run(c, RobustnessEvaluation.Gather(_xs, rows, _d), ys, new double[rows.Length], Settings());
            var ok = Attack.Succeeded(c, adv, ys);
            for (int q = 0; q < rows.Length; q++)
            {
                if (!ok[q]) continue;
                int r = rows[q];
                dist[r] = Attack.Distance(adv[q]!, _xs.AsSpan(r * _d, _d), norm);
                var target = a.Kind == AttackKind.Gradient ? p.White : p.Decision;
                target[r] = Math.Min(target[r], dist[r]);
                if (a.Kind == AttackKind.Gradient && p.Examples[r] == null)
                    p.Examples[r] = new AdversarialExample(a.Name, _ys[r], Attack.Predict(c, adv[q]!), _xs.AsSpan(r * _d, _d).ToArray(), adv[q]!);
            }
        }

        var stillRobust = Enumerable.Repeat(true, m).ToArray();
        for (int e = 0; e < epsCount; e++)
        {
            double eps = budgets[e];
            var ev = Fill(eps, m);
            var white = new bool[m];
            var hits = new List<(string Name, bool[] S, double[]?[]? Adv)>();
            foreach (var a in fixedGradient)
            {
                var adv = a.Run(c, _xs, _ys, ev, Settings());
                var s = Attack.Succeeded(c, adv, _ys);
                p.Record(a.Name, e, epsCount, s, _all);
                for (int r = 0; r < m; r++)
                    if (s[r]) { white[r] = true; p.White[r] = Math.Min(p.White[r], Attack.Distance(adv[r]!, _xs.AsSpan(r * _d, _d), norm)); }
                hits.Add((a.Name, s, adv));
            }
            foreach (var a in minimal.Where(a => a.Kind == AttackKind.Gradient))
            {
                var s = minDist[a.Name].Select(v => v <= eps).ToArray();
                p.Record(a.Name, e, epsCount, s, _all);
                for (int r = 0; r < m; r++) white[r] |= s[r];
            }
            if (checkImages > 0) DoubledChecks(p, check, ev, e, epsCount, hits.First(h => h.Name == check.Name).S, white);
            var others = new List<(string Name, bool[] S, double[]?[]? Adv)>();
            foreach (var a in fixedOther.Where(a => a.Kind != AttackKind.ScoreOnly))
            {
                var adv = a.Run(c, _xs, _ys, ev, Settings());
                var s = Attack.Succeeded(c, adv, _ys);
                p.Record(a.Name, e, epsCount, s, _all);
                others.Add((a.Name, s, adv));
            }
            foreach (var a in minimal.Where(a => a.Kind != AttackKind.Gradient))
            {
                var s = minDist[a.Name].Select(v => v <= eps).ToArray();
                if (blackImages > 0) p.Record(a.Name, e, epsCount, s, _black);
                others.Add((a.Name, s, null));
            }
            foreach (var a in fixedOther.Where(a => a.Kind == AttackKind.ScoreOnly))
            {
                var rows = Enumerable.Range(0, m).Where(r => _black[r] && !white[r]).ToArray();
                if (rows.Length == 0 || o.SquareQueries == 0) continue;
                var ys = rows.Select(r => _ys[r]).ToArray();
                var adv = a.Run(c, RobustnessEvaluation.Gather(_xs, rows, _d), ys, Fill(eps, rows.Length), Settings());
                var ok = Attack.Succeeded(c, adv, ys);
                var s = new bool[m]; var full = new double[]?[m];
                for (int q = 0; q < rows.Length; q++) { s[rows[q]] = ok[q]; full[rows[q]] = adv[q]; }
                others.Add((a.Name, s, full));
            }
            var worst = new bool[m];
            for (int r = 0; r < m; r++)
            {
                foreach (var q in others) if (q.S[r] && !white[r]) p.Wins[r][q.Name]++;
                if (!white[r] && !others.Any(q => q.S[r])) { worst[r] = true; continue; }
                stillRobust[r] = false;
                if (double.IsPositiveInfinity(p.Hi[r]))
                {
                    p.Hi[r] = eps; p.Lo[r] = e == 0 ? 0 : budgets[e - 1];
                    p.Known[r] = hits.Concat(others).FirstOrDefault(q => q.S[r] && q.Adv?[r] != null).Adv?[r];
                }
            }
            p.Worst.Add(worst);
        }
        if (o.ExtendUntilZero) ClimbLadder(p, norm, suffix, budgets[^1], ladder, stillRobust);
        return p;
    }

    /// <summary>PGD with doubled iterations and with doubled restarts on the check subset, next to the base run on the same images.</summary>
    private void DoubledChecks(Pass p, IAttack check, double[] ev, int e, int epsCount, bool[] baseSuccess, bool[] white)
    {
        int m = _ys.Length;
        var rows = Enumerable.Range(0, m).Where(r => _check[r]).ToArray();
        var sub = RobustnessEvaluation.Gather(_xs, rows, _d);
        var ys = rows.Select(r => _ys[r]).ToArray();
        bool[] Run(AttackSettings s)
        {
            var r = new bool[m];
            if (rows.Length == 0) return r;
            var ok = Attack.Succeeded(c, check.Run(c, sub, ys, rows.Select(q => ev[q]).ToArray(), s), ys);
            for (int q = 0; q < rows.Length; q++) r[rows[q]] = ok[q];
            return r;
        }
        var it2 = Run(Settings(iterations: 2 * o.Iterations));
        var re2 = Run(Settings(restarts: 2 * o.Restarts));
        p.Record(check.Name + "-base", e, epsCount, baseSuccess, _check);
        p.Record(check.Name + "-2x-iter", e, epsCount, it2, _check);
        p.Record(check.Name + "-2x-restarts", e, epsCount, re2, _check);
        for (int r = 0; r < m; r++) white[r] |= it2[r] || re2[r];
    }

    /// <summary>On the images never broken within the budgets, PGD (margin and cross-entropy) climbs the ladder of larger budgets.</summary>
    private void ClimbLadder(Pass p, Norm norm, string suffix, double last, double[] ladder, bool[] stillRobust)
    {
        double prev = last;
        var climbers = new[] { AttackCatalogue.Find($"pgd-margin-{suffix}"), AttackCatalogue.Find($"pgd-ce-{suffix}") };
        foreach (double eps in ladder)
        {
            var rows = Enumerable.Range(0, _ys.Length).Where(r => stillRobust[r]).ToArray();
            if (rows.Length == 0) break;
            var sub = RobustnessEvaluation.Gather(_xs, rows, _d);
            var ys = rows.Select(r => _ys[r]).ToArray();
            foreach (var a in climbers)
            {
                var adv = a.Run(c, sub, ys, Fill(eps, rows.Length), Settings());
                var ok = Attack.Succeeded(c, adv, ys);
                for (int q = 0; q < rows.Length; q++)
                {
                    int r = rows[q];
                    if (!ok[q] || !stillRobust[r]) continue;
                    stillRobust[r] = false;
                    if (norm == Norm.LInf) { p.Hi[r] = eps; p.Lo[r] = prev; p.Known[r] = adv[q]; }
                    else p.White[r] = Math.Min(p.White[r], Attack.L2(adv[q]!, _xs.AsSpan(r * _d, _d)));
                }
            }
            for (int r = 0; r < _ys.Length; r++) if (stillRobust[r]) p.Survived[r]++;
            prev = eps;
        }
    }
}
