using Basin.Dynamics;

namespace Basin.SaNode.Training.Robust;

/// <summary>
/// A change of each training batch's inputs before the optimisation step — the robust-training recipes
/// (<see cref="RobustTraining"/>): Gaussian noise for randomized smoothing, PGD adversarial examples through the ODE.
/// </summary>
public interface ITrainingPerturbation
{
    /// <summary>The recipe as written in <see cref="SaNodeTrainOptions.Robust"/> (e.g. <c>gaussian:0.25</c>).</summary>
    string Spec { get; }

    /// <summary>
    /// Replaces the <paramref name="count"/> rows of <paramref name="x0"/> (B×N, after augmentation and pixel noise) by
    /// their perturbed versions; <paramref name="targets"/> are the rows' attractors, <paramref name="solver"/> the training
    /// integration, <paramref name="rng"/> the batch's seeded generator (so a resumed run repeats the same draws).
    /// </summary>
    void Apply(SaNodeRunner<float> runner, Span<float> x0, ReadOnlySpan<float> targets, int count, SolverOptions solver, Random rng);
}
