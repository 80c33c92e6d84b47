using Basin.Autodiff;
using Basin.Stability.Attacks;

namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// PGD adversarial training (Madry et al., ICLR 2018: min_θ E max_{‖δ‖∞ ≤ ε} CE(f_θ(x + δ), y)): each training input is
/// replaced by the L∞ PGD point of the cross-entropy loss under the current weights — the catalogue's
/// <see cref="Pgd"/> (uniform start in the ε-ball, <see cref="Steps"/> signed-gradient steps of 2.5ε/steps, projection onto
/// the ball ∩ [0,1]ᴰ, no early stop), the baseline counterpart of SA-nODE's
/// <see cref="Basin.SaNode.Training.Robust.PgdAdversarialTraining"/>. Cost: steps + 1 forward/backward passes a batch.
/// </summary>
public sealed class BaselinePgdTraining : IBaselineRecipe
{
    /// <summary>PGD-AT with L∞ budget <paramref name="epsilon"/> and <paramref name="steps"/> steps.</summary>
    public BaselinePgdTraining(double epsilon, int steps)
    {
        if (!(epsilon > 0 && epsilon <= 1)) throw new ArgumentException($"pgd: ε must lie in (0, 1], got {epsilon}.");
        if (steps < 1 || steps > 100) throw new ArgumentException($"pgd: steps must lie in 1…100, got {steps}.");
        Epsilon = epsilon;
        Steps = steps;
    }

    /// <summary>L∞ budget ε.</summary>
    public double Epsilon { get; }

    /// <summary>PGD steps.</summary>
    public int Steps { get; }

    /// <summary>Step size α = 2.5ε/steps (Madry et al.'s ratio, the catalogue PGD's step).</summary>
    public double StepSize => 2.5 * Epsilon / Steps;

    /// <inheritdoc/>
    public string Spec => FormattableString.Invariant($"pgd:eps={Epsilon:R},steps={Steps},step={StepSize:R}");

    /// <inheritdoc/>
    public Var<double> BatchLoss(MlpClassifier classifier, Tape<double> tape, double[] x, int[] labels, int count, ulong seed)
    {
        Apply(classifier, x, labels, count, seed);
        return BaselineTrainer.CrossEntropy(classifier, tape, x, labels, count);
    }

    /// <summary>Replaces the <paramref name="count"/> rows of <paramref name="x"/> by their training inputs.</summary>
    public void Apply(MlpClassifier classifier, double[] x, int[] labels, int count, ulong seed)
    {
        int d = classifier.Dimension;
        var rows = count * d == x.Length ? x : x[..(count * d)];
        var y = labels.Length == count ? labels : labels[..count];
        var eps = Enumerable.Repeat(Epsilon, count).ToArray();
        var adv = Pgd.Perturb(classifier, rows, y, eps, Norm.LInf, Steps, restarts: 1, AttackLoss.CrossEntropy, seed, stopAtFirstSuccess: false);
        adv.AsSpan().CopyTo(x);
    }
}
