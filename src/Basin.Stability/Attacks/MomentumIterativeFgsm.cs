using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// Momentum iterative FGSM (MI-FGSM; Dong et al. 2018, "Boosting adversarial attacks with momentum", Alg. 1), L∞: from
/// x₀ = x, T = <see cref="AttackSettings.Iterations"/> steps of size α = ε/T along the sign of an accumulated gradient
/// g ← μ·g + ∇ₓL/‖∇ₓL‖₁ (μ = 1, cross-entropy loss), projected onto the ε-ball and the box. No random start, so it is
/// deterministic; a row stops at its first misclassified iterate.
/// </summary>
public sealed class MomentumIterativeFgsm : IAttack
{
    /// <inheritdoc />
    public string Name => "mifgsm-linf";
    /// <inheritdoc />
    public Norm Norm => Norm.LInf;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => "MI-FGSM: signed steps of ε/T along an L1-normalised momentum of the gradient (Dong et al. 2018)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings)
    {
        int d = classifier.Dimension, batch = y.Length, steps = Math.Max(1, settings.Iterations);
        var adv = (double[])x.Clone();
        var momentum = new double[batch * d];
        var active = Enumerable.Range(0, batch).ToArray();
        for (int t = 0; t < steps && active.Length > 0; t++)
        {
            var xs = RobustnessEvaluation.Gather(adv, active, d);
            var ys = active.Select(b => y[b]).ToArray();
            var g = new double[active.Length * d];
            var pred = new int[active.Length];
            Attack.Gradients(classifier, xs, active.Length, ys, AttackLoss.CrossEntropy, g, new double[active.Length], pred);
            var next = new List<int>();
            for (int a = 0; a < active.Length; a++)
            {
                int b = active[a];
                if (pred[a] != y[b]) continue;
                var ga = g.AsSpan(a * d, d);
                double l1 = 1e-300;
                foreach (var v in ga) l1 += Math.Abs(v);
                var m = momentum.AsSpan(b * d, d);
                for (int i = 0; i < d; i++) m[i] += ga[i] / l1;
                var row = adv.AsSpan(b * d, d);
                Attack.Step(row, m, eps[b] / steps, Norm.LInf);
                Attack.Project(row, x.AsSpan(b * d, d), eps[b], Norm.LInf);
                next.Add(b);
            }
            active = next.ToArray();
        }
        return Attack.Rows(adv, d);
    }
}
