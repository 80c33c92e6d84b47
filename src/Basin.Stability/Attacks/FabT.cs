using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// FAB-T, the targeted fast adaptive boundary attack (Croce &amp; Hein, "Minimally distorted adversarial examples with a fast
/// adaptive boundary attack", ICML 2020, Algorithm 1; targeted as in AutoAttack), a minimal-norm white-box attack used with
/// a budget. For each of the <see cref="Targets"/> classes t with the highest clean scores other than y, from x⁽⁰⁾ = x:
/// the boundary s_y = s_t is linearised at x⁽ⁱ⁾ into the hyperplane π = {z : ∇f·z = ∇f·x⁽ⁱ⁾ − f}, f = s_y − s_t;
/// δ⁽ⁱ⁾ = proj_p(x⁽ⁱ⁾, π) − x⁽ⁱ⁾ and δ_orig = proj_p(x, π) − x are the minimal-Lp steps onto π inside the box
/// (<see cref="Project"/>); with α = min(‖δ⁽ⁱ⁾‖/(‖δ⁽ⁱ⁾‖ + ‖δ_orig‖), α_max),
/// x⁽ⁱ⁺¹⁾ = clip_[0,1]((1 − α)(x⁽ⁱ⁾ + η δ⁽ⁱ⁾) + α(x + η δ_orig)), η = 1.05, α_max = 0.1; whenever x⁽ⁱ⁺¹⁾ is misclassified it
/// is kept if closer to x than the best so far and the iterate is pulled back, x⁽ⁱ⁺¹⁾ ← x + β(x⁽ⁱ⁺¹⁾ − x), β = 0.9.
/// <see cref="AttackSettings.Iterations"/> steps per target (AutoAttack: 100), one restart without random start (AutoAttack's
/// standard run). As a budget attack (<see cref="Run"/>) a row keeps the clean input unless its closest adversarial point
/// lies within ε, and later targets run only on the rows not yet fooled within ε (as in AutoAttack).
/// </summary>
/// <param name="norm">The norm minimised: L∞ or L2.</param>
public sealed class FabT(Norm norm) : IAttack
{
    /// <summary>Target classes per image (AutoAttack: 9; capped at K − 1).</summary>
    public const int Targets = 9;

    /// <summary>Overshoot η of the projection steps.</summary>
    public const double Eta = 1.05;

    /// <summary>Pull-back β toward x after a success.</summary>
    public const double Beta = 0.9;

    /// <summary>Largest bias α_max toward the projection of the original point.</summary>
    public const double AlphaMax = 0.1;

    /// <inheritdoc />
    public string Name => $"fab-t-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => $"FAB-T: targeted fast adaptive boundary, box-constrained {(norm == Norm.LInf ? "L∞" : "L2")} projections onto the linearised boundary, top {Targets} targets, kept within ε (Croce & Hein 2020)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings)
    {
        int d = classifier.Dimension;
        var (points, dist) = Minimal(classifier, x, y, norm, settings.Iterations, Targets, eps);
        var r = new double[]?[y.Length];
        for (int b = 0; b < y.Length; b++)
            r[b] = points[b] is { } p && dist[b] <= eps[b] ? p : x.AsSpan(b * d, d).ToArray();
        return r;
    }

    /// <summary>
    /// FAB-T as a minimal-norm attack: per row the closest misclassified point found over the targets (null when none) and
    /// its distance (+∞ when none). With <paramref name="budget"/>, a row whose best distance is already ≤ budget[b] skips
    /// the remaining targets.
    /// </summary>
    public static (double[]?[] Points, double[] Distances) Minimal(IClassifier c, double[] x, int[] y, Norm norm, int iterations = 100,
        int targets = Targets, double[]? budget = null)
    {
        int d = c.Dimension, k = c.Classes, batch = y.Length;
        var s = new double[batch * k];
        c.Scores(x, batch, s);
        var order = new int[batch][];
        for (int b = 0; b < batch; b++)
        {
            var sb = s.AsSpan(b * k, k).ToArray();
            order[b] = Enumerable.Range(0, k).Where(j => j != y[b]).OrderByDescending(j => sb[j]).ToArray();
        }
        var points = new double[]?[batch];
        var dist = Enumerable.Repeat(double.PositiveInfinity, batch).ToArray();
        var clean = Classifier.Predict(c, x, batch);
        for (int b = 0; b < batch; b++) if (clean[b] != y[b]) { points[b] = x.AsSpan(b * d, d).ToArray(); dist[b] = 0; }
        for (int t = 0; t < Math.Min(targets, k - 1); t++)
        {
            var rows = Enumerable.Range(0, batch).Where(b => dist[b] > 0 && !(budget is { } e && dist[b] <= e[b])).ToArray();
            if (rows.Length == 0) break;
            RunTarget(c, x, y, norm, iterations, rows, rows.Select(b => order[b][t]).ToArray(), points, dist);
        }
        return (points, dist);
    }

    private static void RunTarget(IClassifier c, double[] x, int[] y, Norm norm, int iterations, int[] rows, int[] target,
        double[]?[] points, double[] dist)
    {
        int d = c.Dimension, k = c.Classes, m = rows.Length;
        var x0 = new double[m * d];
        for (int a = 0; a < m; a++) x.AsSpan(rows[a] * d, d).CopyTo(x0.AsSpan(a * d, d));
        var x1 = (double[])x0.Clone();
        var gs = new double[m * k];
        for (int a = 0; a < m; a++) { gs[a * k + y[rows[a]]] = 1; gs[a * k + target[a]] = -1; }
        var grad = new double[m * d];
        var s = new double[m * k];
        var d1 = new double[d];
        var d2 = new double[d];
        var ys = rows.Select(b => y[b]).ToArray();
        for (int it = 0; it < iterations; it++)
        {
            c.InputGradient(x1, m, gs, grad, s);
            for (int a = 0; a < m; a++)
            {
                var w = grad.AsSpan(a * d, d);
                var p = x1.AsSpan(a * d, d);
                var o = x0.AsSpan(a * d, d);
                double f = s[a * k + ys[a]] - s[a * k + target[a]];
                double bias = -f;
                for (int i = 0; i < d; i++) bias += w[i] * p[i];
                Project(p, w, bias, norm, d1);
                Project(o, w, bias, norm, d2);
                double a1 = Math.Max(Norm2(d1, norm), 1e-8), a2 = Math.Max(Norm2(d2, norm), 1e-8);
                double alpha = Math.Min(Math.Max(a1 / (a1 + a2), 0), AlphaMax);
                for (int i = 0; i < d; i++) p[i] = Math.Clamp((p[i] + Eta * d1[i]) * (1 - alpha) + (o[i] + Eta * d2[i]) * alpha, 0, 1);
            }
            var pred = Classifier.Predict(c, x1, m);
            for (int a = 0; a < m; a++)
            {
                if (pred[a] == ys[a]) continue;
                var p = x1.AsSpan(a * d, d);
                var o = x0.AsSpan(a * d, d);
                double da = Attack.Distance(p, o, norm);
                int b = rows[a];
                if (da < dist[b]) { dist[b] = da; points[b] = p.ToArray(); }
                for (int i = 0; i < d; i++) p[i] = o[i] + (p[i] - o[i]) * Beta;
            }
        }
    }

    private static double Norm2(ReadOnlySpan<double> v, Norm norm)
    {
        double r = 0;
        if (norm == Norm.LInf) { foreach (var e in v) r = Math.Max(r, Math.Abs(e)); return r; }
        foreach (var e in v) r += e * e;
        return Math.Sqrt(r);
    }

    /// <summary>
    /// The minimal-Lp step onto a hyperplane inside the box: δ = argmin ‖δ‖_p subject to w·(p + δ) = b and p + δ ∈ [0,1]ᴰ
    /// (p = ∞ or 2). With r = b − w·p (signs flipped so that r ≥ 0) and cap_i the room of coordinate i in the direction of
    /// sign(w_i) (1 − p_i or p_i), the KKT solution is δ_i = sign(w_i)·min(λ u_i, cap_i), u_i = |w_i| (L2) or 1 (L∞), with
    /// λ ≥ 0 the root of Σ |w_i| min(λ u_i, cap_i) = r: piecewise linear and increasing, solved exactly by sorting the
    /// breakpoints cap_i/u_i. When even the saturated step cannot reach the hyperplane, the saturated step is returned.
    /// </summary>
    public static void Project(ReadOnlySpan<double> p, ReadOnlySpan<double> w, double b, Norm norm, Span<double> delta)
    {
        int d = p.Length;
        double r = b;
        for (int i = 0; i < d; i++) r -= w[i] * p[i];
        double sgn = r < 0 ? -1 : 1;
        r = Math.Abs(r);
        delta.Clear();
        if (r == 0) return;
        var brk = new double[d];
        var idx = new int[d];
        int n = 0;
        double slope = 0;
        for (int i = 0; i < d; i++)
        {
            double wi = sgn * w[i];
            if (wi == 0) continue;
            double cap = wi > 0 ? 1 - p[i] : p[i], u = norm == Norm.L2 ? Math.Abs(wi) : 1;
            brk[n] = Math.Max(cap, 0) / u;
            idx[n++] = i;
            slope += Math.Abs(wi) * u;
        }
        Array.Sort(brk, idx, 0, n);
        double saturated = 0, lambda = double.PositiveInfinity;
        for (int q = 0; q < n; q++)
        {
            if (brk[q] * slope + saturated >= r) { lambda = (r - saturated) / slope; break; }
            int i = idx[q];
            double wi = Math.Abs(w[i]), u = norm == Norm.L2 ? wi : 1;
            saturated += wi * brk[q] * u;
            slope -= wi * u;
        }
        for (int q = 0; q < n; q++)
        {
            int i = idx[q];
            double wi = sgn * w[i], cap = Math.Max(wi > 0 ? 1 - p[i] : p[i], 0), u = norm == Norm.L2 ? Math.Abs(wi) : 1;
            delta[i] = Math.Sign(wi) * Math.Min(lambda * u, cap);
        }
    }
}
