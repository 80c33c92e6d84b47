using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// Fast gradient sign method (Goodfellow, Shlens &amp; Szegedy 2015), one step of size ε along the loss gradient:
/// x + ε·sign(∇ₓL) under L∞, x + ε·∇ₓL/‖∇ₓL‖₂ under L2 (the fast gradient method), kept in [0,1]. The single-step reference
/// every iterative attack must beat.
/// </summary>
/// <param name="norm">The budget's norm.</param>
/// <param name="loss">The loss whose gradient gives the direction (cross-entropy by default).</param>
public sealed class Fgsm(Norm norm = Norm.LInf, AttackLoss loss = AttackLoss.CrossEntropy) : IAttack
{
    /// <inheritdoc />
    public string Name => norm == Norm.LInf ? "fgsm-linf" : "fgm-l2";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => norm == Norm.LInf ? "FGSM: one signed-gradient step of size ε (Goodfellow et al. 2015)" : "FGM: one normalised-gradient step of L2 length ε";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(classifier, x, y, eps, norm, loss), classifier.Dimension);

    /// <summary>Fast gradient sign method per row: x + ε·sign(∇L) (L∞), or x + ε·∇L/‖∇L‖ (L2), kept in [0,1].</summary>
    public static double[] Perturb(IClassifier c, double[] x, int[] y, double[] eps, Norm norm = Norm.LInf, AttackLoss loss = AttackLoss.CrossEntropy)
    {
        int d = c.Dimension, batch = y.Length;
        var g = new double[batch * d];
        Attack.Gradients(c, x, batch, y, loss, g, new double[batch], new int[batch]);
        var adv = (double[])x.Clone();
        for (int b = 0; b < batch; b++)
        {
            Attack.Step(adv.AsSpan(b * d, d), g.AsSpan(b * d, d), eps[b], norm);
            Attack.Project(adv.AsSpan(b * d, d), x.AsSpan(b * d, d), eps[b], norm);
        }
        return adv;
    }

    /// <summary>FGSM on one input.</summary>
    public static double[] Perturb(IClassifier c, double[] x, int y, double eps, Norm norm = Norm.LInf, AttackLoss loss = AttackLoss.CrossEntropy) =>
        Perturb(c, x, [y], [eps], norm, loss);
}
