using System.Text.Json.Serialization;
using Basin.Studies.SaNode;

namespace Basin.Studies.Reports;

/// <summary>A training run's learning curve as the report shows it (<see cref="TrainingHistory"/> of a checkpoint).</summary>
/// <param name="Checkpoint">The checkpoint file.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Hours">Cumulative training time, hours.</param>
/// <param name="FinalLoss">Loss of the last epoch.</param>
/// <param name="FinalTrainAccuracy">Training H of the last epoch (at the training horizon).</param>
/// <param name="BestValidationAccuracy">Best validation H over the epochs that measured it (null when none did).</param>
/// <param name="History">The whole history, for the figure.</param>
public sealed record ReportLearningCurve(string Checkpoint, int Epochs, double Hours, double FinalLoss, double FinalTrainAccuracy,
    double? BestValidationAccuracy, [property: JsonIgnore] TrainingHistory History)
{
    /// <summary>Reads the history of <paramref name="checkpoint"/>.</summary>
    public static ReportLearningCurve Read(string checkpoint)
    {
        var h = TrainingHistory.Read(checkpoint);
        if (h.Epochs.Count == 0) throw new InvalidDataException($"{checkpoint}: the training history holds no epoch.");
        var valid = h.Epochs.Where(e => e.ValidationAccuracy.HasValue).Select(e => e.ValidationAccuracy!.Value).ToArray();
        return new ReportLearningCurve(Path.GetFullPath(checkpoint), h.Epochs.Count, h.Hours[^1], h.Epochs[^1].Loss, h.Epochs[^1].TrainAccuracy,
            valid.Length > 0 ? valid.Max() : null, h);
    }
}
