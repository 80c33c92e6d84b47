namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// A change of each training batch's inputs before the optimisation step of <see cref="BaselineTrainer"/> — the MLP and
/// logistic-regression counterparts of SA-nODE's robust-training recipes (<see cref="BaselineRobustTraining"/>), so the
/// baselines are the control of the same recipe.
/// </summary>
public interface IBaselinePerturbation
{
    /// <summary>The recipe as written (e.g. <c>gaussian:0.5</c>), the same syntax as <c>sanode train --robust</c>.</summary>
    string Spec { get; }

    /// <summary>
    /// Replaces the <paramref name="count"/> rows of <paramref name="x"/> (count×D, pixels in [0,1]) with labels
    /// <paramref name="labels"/> by their perturbed versions, with the classifier's current weights; <paramref name="seed"/>
    /// is the batch's seed (epoch and batch index), so a run repeats the same draws.
    /// </summary>
    void Apply(MlpClassifier classifier, double[] x, int[] labels, int count, ulong seed);
}
