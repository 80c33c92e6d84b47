using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>Budget of the decision-only attack.</summary>
/// <param name="Iterations">Gradient-estimate / step / bisection rounds.</param>
/// <param name="InitialSamples">Monte-Carlo directions in the first round; round t uses InitialSamples·√t, at most <paramref name="MaxSamples"/>.</param>
/// <param name="MaxSamples">Cap on the directions per round.</param>
/// <param name="InitTries">Random uniform images tried as the starting adversarial point.</param>
/// <param name="BisectionRounds">Bisection steps to the boundary per round.</param>
public sealed record HopSkipJumpOptions(int Iterations = 20, int InitialSamples = 40, int MaxSamples = 100, int InitTries = 30, int BisectionRounds = 20);

/// <summary>
/// A decision-only attack in the spirit of HopSkipJump (Chen, Jordan &amp; Wainwright 2020), L2: it sees only the predicted
/// label. From a misclassified random image it bisects to the decision boundary, estimates the boundary's normal from the
/// labels of random probes around the boundary point (sign Monte-Carlo estimate with a mean baseline), takes a geometric
/// step of size ‖x_b − x‖/√t along it, halving until the step lands on the adversarial side, and bisects again. The
/// distance ‖x_adv − x‖ shrinks round by round. All rows run in lockstep so every query is batched.
/// Returns, per row, the adversarial point on the boundary (null when no misclassified start was found).
/// </summary>
public sealed class HopSkipJump : IAttack
{
    /// <inheritdoc />
    public string Name => "hopskipjump-l2";
    /// <inheritdoc />
    public Norm Norm => Norm.L2;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.DecisionOnly;
    /// <inheritdoc />
    public bool MinimalNorm => true;
    /// <inheritdoc />
    public string Description => "HopSkipJump-style: boundary walk from labels only, minimal L2 (Chen, Jordan & Wainwright 2020)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Search(classifier, x, y, settings.DecisionOrDefault, settings.Seed);

    /// <summary>Runs the attack on B rows.</summary>
    public static double[]?[] Search(IClassifier c, double[] x, int[] y, HopSkipJumpOptions? options = null, ulong seed = 1)
    {
        var o = options ?? new HopSkipJumpOptions();
        int d = c.Dimension, batch = y.Length;
        var rng = new Rng(seed);
        // 1. a misclassified start per row: the first of InitTries uniform random images that is not labelled y.
        var start = new double[batch * d];
        var found = new bool[batch];
        for (int t = 0; t < o.InitTries && found.Contains(false); t++)
        {
            var rows = Enumerable.Range(0, batch).Where(b => !found[b]).ToArray();
            var u = new double[rows.Length * d];
            for (int i = 0; i < u.Length; i++) u[i] = rng.NextDouble();
            var pred = Classifier.Predict(c, u, rows.Length);
            for (int a = 0; a < rows.Length; a++)
                if (pred[a] != y[rows[a]]) { found[rows[a]] = true; u.AsSpan(a * d, d).CopyTo(start.AsSpan(rows[a] * d, d)); }
        }
        // fallback: another row of the batch (a different image) that is not labelled y.
        if (found.Contains(false))
        {
            var predX = Classifier.Predict(c, x, batch);
            for (int b = 0; b < batch; b++)
            {
                if (found[b]) continue;
                for (int o2 = 0; o2 < batch && !found[b]; o2++)
                    if (predX[o2] != y[b]) { found[b] = true; x.AsSpan(o2 * d, d).CopyTo(start.AsSpan(b * d, d)); }
            }
        }
        var act = Enumerable.Range(0, batch).Where(b => found[b]).ToArray();
        var xs = Gather(x, act, d);
        var ys = act.Select(b => y[b]).ToArray();
        var adv = Attack.Bisect(c, xs, Gather(start, act, d), ys, o.BisectionRounds);
        int m = act.Length;
        for (int t = 1; t <= o.Iterations && m > 0; t++)
        {
            // 2. boundary normal from label probes at the boundary point, probe radius δ = dist/√d (well above the bisection precision).
            int n = Math.Min(o.MaxSamples, (int)Math.Ceiling(o.InitialSamples * Math.Sqrt(t)));
            var dist = new double[m];
            for (int a = 0; a < m; a++) dist[a] = Attack.L2(adv.AsSpan(a * d, d), xs.AsSpan(a * d, d));
            var probes = new double[m * n * d];
            var dirs = new double[m * n * d];
            for (int a = 0; a < m; a++)
            {
                double delta = Math.Max(1e-6, dist[a] / Math.Sqrt(d));
                for (int s = 0; s < n; s++)
                {
                    var u = dirs.AsSpan((a * n + s) * d, d);
                    double norm = 0;
                    for (int i = 0; i < d; i++) { u[i] = rng.NextNormal(); norm += u[i] * u[i]; }
                    norm = Math.Sqrt(norm);
                    var p = probes.AsSpan((a * n + s) * d, d);
                    for (int i = 0; i < d; i++) { u[i] /= norm; p[i] = Math.Clamp(adv[a * d + i] + delta * u[i], 0, 1); }
                }
            }
            var probePred = Classifier.Predict(c, probes, m * n);
            var v = new double[m * d];
            for (int a = 0; a < m; a++)
            {
                double mean = 0;
                for (int s = 0; s < n; s++) mean += probePred[a * n + s] != ys[a] ? 1 : -1;
                mean /= n;
                bool degenerate = Math.Abs(mean) == 1;
                var va = v.AsSpan(a * d, d);
                for (int s = 0; s < n; s++)
                {
                    double phi = probePred[a * n + s] != ys[a] ? 1 : -1;
                    double w = degenerate ? phi : phi - mean;
                    var u = dirs.AsSpan((a * n + s) * d, d);
                    for (int i = 0; i < d; i++) va[i] += w * u[i];
                }
                double vn = Math.Sqrt(va.ToArray().Sum(z => z * z));
                if (vn > 0) for (int i = 0; i < d; i++) va[i] /= vn;
            }
            // 3. geometric step search: ξ = dist/√t, halved until the candidate is adversarial.
            var xi = dist.Select(z => z / Math.Sqrt(t)).ToArray();
            var done = new bool[m];
            var cand = new double[m * d];
            for (int h = 0; h < 12 && done.Contains(false); h++)
            {
                var rows = Enumerable.Range(0, m).Where(a => !done[a]).ToArray();
                var q = new double[rows.Length * d];
                for (int r = 0; r < rows.Length; r++)
                {
                    int a = rows[r];
                    for (int i = 0; i < d; i++) q[r * d + i] = Math.Clamp(adv[a * d + i] + xi[a] * v[a * d + i], 0, 1);
                }
                var pred = Classifier.Predict(c, q, rows.Length);
                for (int r = 0; r < rows.Length; r++)
                {
                    int a = rows[r];
                    if (pred[r] != ys[a]) { done[a] = true; q.AsSpan(r * d, d).CopyTo(cand.AsSpan(a * d, d)); }
                    else xi[a] /= 2;
                }
            }
            for (int a = 0; a < m; a++) if (!done[a]) adv.AsSpan(a * d, d).CopyTo(cand.AsSpan(a * d, d));
            // 4. back to the boundary; keep the new point only if it is closer.
            var next = Attack.Bisect(c, xs, cand, ys, o.BisectionRounds);
            for (int a = 0; a < m; a++)
                if (Attack.L2(next.AsSpan(a * d, d), xs.AsSpan(a * d, d)) < dist[a]) next.AsSpan(a * d, d).CopyTo(adv.AsSpan(a * d, d));
        }
        var result = new double[]?[batch];
        for (int a = 0; a < m; a++) result[act[a]] = adv.AsSpan(a * d, d).ToArray();
        return result;
    }

    private static double[] Gather(double[] src, int[] rows, int d)
    {
        var r = new double[rows.Length * d];
        for (int a = 0; a < rows.Length; a++) src.AsSpan(rows[a] * d, d).CopyTo(r.AsSpan(a * d, d));
        return r;
    }
}
