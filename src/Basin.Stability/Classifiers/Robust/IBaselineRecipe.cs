using Basin.Autodiff;

namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// A robust-training recipe of <see cref="BaselineTrainer"/>: the loss of one batch, recorded on the trainer's tape — the
/// MLP and logistic-regression counterparts of SA-nODE's recipes (<see cref="BaselineRobustTraining"/>), so the baselines
/// are the control of the same recipe. Without a recipe the batch loss is the cross-entropy of the clean batch.
/// </summary>
public interface IBaselineRecipe
{
    /// <summary>The recipe as written (e.g. <c>gaussian:0.5</c>), the syntax of <c>sanode train --robust</c>.</summary>
    string Spec { get; }

    /// <summary>
    /// The batch loss for the <paramref name="count"/> rows of <paramref name="x"/> (count×D, pixels in [0,1]) with labels
    /// <paramref name="labels"/>, under the classifier's current weights, recorded on <paramref name="tape"/> (reset by the
    /// caller); <paramref name="seed"/> is the batch's seed (from the run's seed, the epoch and the batch), so a seeded run
    /// repeats its draws. <paramref name="x"/> may be overwritten.
    /// </summary>
    Var<double> BatchLoss(MlpClassifier classifier, Tape<double> tape, double[] x, int[] labels, int count, ulong seed);
}
