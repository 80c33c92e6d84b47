using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// Transfer attack: adversarial examples crafted by PGD on a surrogate model — in the study the ReLU MLP — and fed unchanged
/// to the target. The target's gradients are never used, so a transfer attack that succeeds where the target's own
/// white-box attacks fail is a sign of gradient masking. PGD on the surrogate runs its full iterations with the
/// cross-entropy loss (points barely across the surrogate's boundary transfer poorly).
/// </summary>
public static class TransferAttack
{
    /// <summary>PGD on <paramref name="surrogate"/> at each row's budget; returns the perturbed rows.</summary>
    public static double[] Run(IClassifier surrogate, double[] x, int[] y, double[] eps, Norm norm, int iterations = 20, int restarts = 1, ulong seed = 1) =>
        Attack.Pgd(surrogate, x, y, eps, norm, iterations, restarts, AttackLoss.CrossEntropy, seed, stopAtFirstSuccess: false);
}
