using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// APGD-CE (Croce &amp; Hein, ICML 2020): Auto-PGD (<see cref="AutoPgd"/>) on the cross-entropy loss, untargeted, the first
/// attack of AutoAttack's standard run. <see cref="AttackSettings.Iterations"/> steps (AutoAttack: 100) and
/// <see cref="AttackSettings.Restarts"/> random starts; per image the lowest-margin iterate is returned.
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class ApgdCe(Norm norm) : IAttack
{
    /// <inheritdoc />
    public string Name => $"apgd-ce-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => $"APGD-CE, {(norm == Norm.LInf ? "L∞" : "L2")} ball, step 2ε halved at checkpoints, momentum 0.75 (Croce & Hein 2020)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(AutoPgd.Perturb(classifier, x, y, eps, norm, settings.Iterations, settings.Restarts, AttackLoss.CrossEntropy,
            seed: settings.Seed).Points, classifier.Dimension);
}
