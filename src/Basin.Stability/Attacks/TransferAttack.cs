using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// Transfer attack: adversarial examples crafted by PGD on a surrogate model — in the study the ReLU MLP — and fed unchanged
/// to the target. The target's gradients are never used, so a transfer attack that succeeds where the target's own
/// white-box attacks fail is a sign of gradient masking. PGD on the surrogate runs its full iterations with the
/// cross-entropy loss (points barely across the surrogate's boundary transfer poorly).
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class TransferAttack(Norm norm) : IAttack
{
    /// <inheritdoc />
    public string Name => norm == Norm.LInf ? "transfer-linf" : "transfer-l2";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Transfer;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => "transfer: PGD (cross-entropy, full iterations) on a surrogate model, fed to the target";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(settings.Surrogate ?? throw new ArgumentException($"{Name} needs a surrogate model."), x, y, eps, norm,
            settings.Iterations, settings.Restarts, settings.Seed), classifier.Dimension);

    /// <summary>PGD on <paramref name="surrogate"/> at each row's budget; returns the perturbed rows.</summary>
    public static double[] Perturb(IClassifier surrogate, double[] x, int[] y, double[] eps, Norm norm, int iterations = 20, int restarts = 1, ulong seed = 1) =>
        Pgd.Perturb(surrogate, x, y, eps, norm, iterations, restarts, AttackLoss.CrossEntropy, seed, stopAtFirstSuccess: false);
}
