using Basin.SaNode.Training.Robust;

namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// The baselines' robust-training recipes, parsed from the same text as <c>sanode train --robust</c> (one syntax, one
/// parser: <see cref="RobustTraining.Parse"/>) so a recipe names the same training for SA-nODE and for its MLP control:
/// <c>gaussian:σ</c> → <see cref="BaselineGaussianNoise"/>, <c>pgd:eps=ε[,steps=K]</c> → <see cref="BaselinePgdTraining"/>
/// (the step is fixed at 2.5ε/K, the catalogue PGD's; another <c>step=</c> is refused).
/// </summary>
public static class BaselineRobustTraining
{
    /// <summary>Parses a recipe; an <see cref="ArgumentException"/> names what is wrong.</summary>
    public static IBaselinePerturbation Parse(string spec) => RobustTraining.Parse(spec) switch
    {
        GaussianNoiseTraining g => new BaselineGaussianNoise(g.Sigma),
        PgdAdversarialTraining p when Math.Abs(p.StepSize - 2.5 * p.Epsilon / p.Steps) <= 1e-12 * p.StepSize => new BaselinePgdTraining(p.Epsilon, p.Steps),
        PgdAdversarialTraining p => throw new ArgumentException(FormattableString.Invariant(
            $"--robust pgd: the baselines' PGD uses the step 2.5ε/steps = {2.5 * p.Epsilon / p.Steps:R}; step={p.StepSize:R} is not supported here.")),
        var other => throw new ArgumentException($"--robust: recipe '{other.Spec}' has no baseline counterpart."),
    };
}
