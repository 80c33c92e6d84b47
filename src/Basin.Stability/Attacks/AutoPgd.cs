using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// Auto-PGD, the step-size-free PGD of Croce &amp; Hein, "Reliable evaluation of adversarial robustness with an ensemble of
/// diverse parameter-free attacks" (ICML 2020, §3, Algorithm 1), with AutoAttack's schedule: initial step η = 2ε; momentum
/// x⁽ᵏ⁺¹⁾ = P(x⁽ᵏ⁾ + α(z⁽ᵏ⁺¹⁾ − x⁽ᵏ⁾) + (1 − α)(x⁽ᵏ⁾ − x⁽ᵏ⁻¹⁾)), z⁽ᵏ⁺¹⁾ = P(x⁽ᵏ⁾ + η·step(∇f(x⁽ᵏ⁾))), α = 0.75 (α = 1 on
/// the first step), P the projection onto the ε-ball ∩ [0,1]ᴰ and step = sign (L∞) or g/‖g‖₂ (L2); checkpoints
/// w_j = ⌈p_j·N⌉ with p₀ = 0, p₁ = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06). At each checkpoint the step is
/// halved and the iterate restarted from the highest-loss point x_max when (1) the loss rose in at most ρ = 0.75 of the
/// steps since the previous checkpoint, or (2) the step was not halved at the previous checkpoint and the best loss did not
/// improve since it. Per image the iterate with the lowest margin s_y − max_{j≠y} s_j over all steps and restarts is
/// returned (misclassified ⇔ margin &lt; 0); a fooled image stops.
/// </summary>
public static class AutoPgd
{
    /// <summary>Momentum α of the update.</summary>
    public const double Momentum = 0.75;

    /// <summary>Fraction ρ of loss increases between checkpoints below which (≤) the step is halved.</summary>
    public const double Rho = 0.75;

    /// <summary>The checkpoints w_j = ⌈p_j·N⌉ (j ≥ 1, w_j ≤ N, distinct) of an N-iteration run.</summary>
    public static int[] Checkpoints(int iterations)
    {
        var w = new List<int>();
        double prev = 0, p = 0.22;
        while (p <= 1)
        {
            int c = (int)Math.Ceiling(p * iterations - 1e-9);
            if (c > 0 && c <= iterations && (w.Count == 0 || c > w[^1])) w.Add(c);
            double next = p + Math.Max(p - prev - 0.03, 0.06);
            prev = p; p = next;
        }
        return [.. w];
    }

    /// <summary>
    /// Runs APGD on the B rows of <paramref name="x"/> (B×D) with labels <paramref name="y"/> and per-row budgets
    /// <paramref name="eps"/>, maximising <paramref name="loss"/> (untargeted) or, when <paramref name="targets"/> is given,
    /// the targeted DLR loss toward targets[b]. Returns the per-row lowest-margin points and their margins
    /// s_y − max_{j≠y} s_j. <paramref name="restarts"/> random starts (AutoAttack's: x + ε·t/‖t‖∞, t ~ U[−1,1]ᴰ, for L∞;
    /// x + ε·t/‖t‖₂, t ~ N(0, I), for L2; clipped to the box) on the rows not yet fooled.
    /// </summary>
    public static (double[] Points, double[] Margins) Perturb(IClassifier c, double[] x, int[] y, double[] eps, Norm norm,
        int iterations = 100, int restarts = 1, AttackLoss loss = AttackLoss.CrossEntropy, int[]? targets = null, ulong seed = 1)
    {
        int d = c.Dimension, batch = y.Length;
        var best = (double[])x.Clone();
        var margin = Margins(c, x, y);
        var rng = new Rng(seed);
        var checkpoints = new HashSet<int>(Checkpoints(iterations));
        for (int r = 0; r < restarts; r++)
        {
            var rows = Enumerable.Range(0, batch).Where(b => margin[b] >= 0).ToArray();
            if (rows.Length > 0) Run(c, x, y, eps, norm, iterations, loss, targets, rng, checkpoints, rows, best, margin);
        }
        return (best, margin);
    }

    /// <summary>The margin s_y − max_{j≠y} s_j per row (negative ⇔ misclassified).</summary>
    public static double[] Margins(IClassifier c, ReadOnlySpan<double> x, int[] y)
    {
        int k = c.Classes;
        var s = new double[y.Length * k];
        c.Scores(x, y.Length, s);
        var m = new double[y.Length];
        for (int b = 0; b < y.Length; b++) m[b] = Margin(s.AsSpan(b * k, k), y[b]);
        return m;
    }

    private static double Margin(ReadOnlySpan<double> s, int y)
    {
        double other = double.NegativeInfinity;
        for (int j = 0; j < s.Length; j++) if (j != y) other = Math.Max(other, s[j]);
        return s[y] - other;
    }

    // One APGD run over the given rows; updates best/margin in place.
    private static void Run(IClassifier c, double[] x, int[] y, double[] eps, Norm norm, int n, AttackLoss loss, int[]? targets,
        Rng rng, HashSet<int> checkpoints, int[] rows, double[] best, double[] margin)
    {
        int d = c.Dimension, m = rows.Length;
        var cur = new double[m * d];
        for (int a = 0; a < m; a++)
        {
            var row = cur.AsSpan(a * d, d);
            var x0 = x.AsSpan(rows[a] * d, d);
            var t = new double[d];
            for (int i = 0; i < d; i++) t[i] = norm == Norm.LInf ? 2 * rng.NextDouble() - 1 : rng.NextNormal();
            double tn = norm == Norm.LInf ? t.Max(Math.Abs) : Math.Sqrt(t.Sum(v => v * v));
            for (int i = 0; i < d; i++) row[i] = Math.Clamp(x0[i] + (tn > 0 ? eps[rows[a]] * t[i] / tn : 0), 0, 1);
        }
        var prev = (double[])cur.Clone();
        var grad = new double[m * d];
        var f = new double[m];
        Evaluate(c, cur, rows, y, loss, targets, grad, f, best, margin);
        var xMax = (double[])cur.Clone();
        var gMax = (double[])grad.Clone();
        var fMax = (double[])f.Clone();
        var eta = rows.Select(b => 2 * eps[b]).ToArray();
        var rises = new int[m];
        var reducedLast = new bool[m];
        var fMaxLast = (double[])fMax.Clone();
        var active = new bool[m];
        for (int a = 0; a < m; a++) active[a] = margin[rows[a]] >= 0;
        int lastCheckpoint = 0;
        var z = new double[d];
        for (int k = 0; k < n; k++)
        {
            var live = Enumerable.Range(0, m).Where(a => active[a]).ToArray();
            if (live.Length == 0) break;
            double alpha = k == 0 ? 1 : Momentum;
            foreach (int a in live)
            {
                int b = rows[a];
                var xk = cur.AsSpan(a * d, d);
                var x0 = x.AsSpan(b * d, d);
                xk.CopyTo(z);
                Attack.Step(z, grad.AsSpan(a * d, d), eta[a], norm);
                Attack.Project(z, x0, eps[b], norm);
                var xp = prev.AsSpan(a * d, d);
                for (int i = 0; i < d; i++)
                {
                    double next = xk[i] + alpha * (z[i] - xk[i]) + (1 - alpha) * (xk[i] - xp[i]);
                    xp[i] = xk[i];
                    xk[i] = next;
                }
                Attack.Project(xk, x0, eps[b], norm);
            }
            // evaluate the live rows at their new iterates
            var sub = new double[live.Length * d];
            for (int q = 0; q < live.Length; q++) cur.AsSpan(live[q] * d, d).CopyTo(sub.AsSpan(q * d, d));
            var subG = new double[live.Length * d];
            var subF = new double[live.Length];
            Evaluate(c, sub, live.Select(a => rows[a]).ToArray(), y, loss, targets, subG, subF, best, margin);
            for (int q = 0; q < live.Length; q++)
            {
                int a = live[q];
                subG.AsSpan(q * d, d).CopyTo(grad.AsSpan(a * d, d));
                if (subF[q] > f[a]) rises[a]++;
                f[a] = subF[q];
                if (f[a] > fMax[a]) { fMax[a] = f[a]; cur.AsSpan(a * d, d).CopyTo(xMax.AsSpan(a * d, d)); grad.AsSpan(a * d, d).CopyTo(gMax.AsSpan(a * d, d)); }
                if (margin[rows[a]] < 0) active[a] = false;
            }
            if (!checkpoints.Contains(k + 1)) continue;
            int interval = k + 1 - lastCheckpoint;
            for (int a = 0; a < m; a++)
            {
                bool oscillating = rises[a] <= Rho * interval;
                bool stalled = !reducedLast[a] && fMaxLast[a] >= fMax[a];
                bool reduce = oscillating || stalled;
                if (reduce)
                {
                    eta[a] /= 2;
                    xMax.AsSpan(a * d, d).CopyTo(cur.AsSpan(a * d, d));
                    gMax.AsSpan(a * d, d).CopyTo(grad.AsSpan(a * d, d));
                }
                reducedLast[a] = reduce;
                fMaxLast[a] = fMax[a];
                rises[a] = 0;
            }
            lastCheckpoint = k + 1;
        }
    }

    // loss, its input gradient at the rows' points, and the per-image lowest-margin bookkeeping
    private static void Evaluate(IClassifier c, double[] pts, int[] rowIds, int[] y, AttackLoss loss, int[]? targets,
        double[] gradX, double[] f, double[] best, double[] margin)
    {
        int k = c.Classes, d = c.Dimension, m = rowIds.Length;
        var s = new double[m * k];
        var gs = new double[m * k];
        c.Scores(pts, m, s);
        for (int a = 0; a < m; a++)
        {
            int b = rowIds[a];
            var sa = s.AsSpan(a * k, k);
            var ga = gs.AsSpan(a * k, k);
            if (targets is null) f[a] = Attack.LossGradient(sa, y[b], loss, ga);
            else { ga.Clear(); f[a] = Attack.Dlr(sa, y[b], targets[b], targeted: true, ga); }
            double mg = Margin(sa, y[b]);
            if (mg < margin[b]) { margin[b] = mg; pts.AsSpan(a * d, d).CopyTo(best.AsSpan(b * d, d)); }
        }
        c.InputGradient(pts, m, gs, gradX, s);
    }
}
