using System.Text.Json;
using Basin.Plotting;
using Basin.SaNode;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>A training run's learning curve as stored in its checkpoint: the epochs and their cumulative training time.</summary>
/// <param name="Epochs">One record per epoch (loss, training H, validation H and m_f, γ, learning rate, seconds).</param>
/// <param name="Hours">Cumulative training time after each epoch, in hours.</param>
/// <param name="Json">The stored history as written by the trainer.</param>
public sealed record TrainingHistory(IReadOnlyList<SaNodeEpoch> Epochs, double[] Hours, string Json)
{
    /// <summary>Reads the history of checkpoint <paramref name="path"/> (written by <c>basin sanode train</c>).</summary>
    public static TrainingHistory Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' does not exist.");
        var bundle = SafeTensors.Load(path);
        if (!bundle.Metadata.TryGetValue("checkpoint.history", out var h))
            throw new InvalidDataException($"{path}: no training history (is it a model file rather than a checkpoint?).");
        List<SaNodeEpoch> epochs;
        try { epochs = JsonSerializer.Deserialize<List<SaNodeEpoch>>(h) ?? new(); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: the training history is not valid JSON ({e.Message})", e); }
        double clock = 0;
        var hours = new double[epochs.Count];
        for (int i = 0; i < epochs.Count; i++) { clock += epochs[i].Seconds; hours[i] = clock / 3600; }
        return new TrainingHistory(epochs, hours, h);
    }

    /// <summary>Writes PREFIX.svg and PREFIX.png (training and validation H against training time) and PREFIX.csv.</summary>
    public void Write(string prefix)
    {
        Plot().Save(prefix, 900, 520);
        var csv = new CsvTable("epoch", "hours", "loss", "train_h", "validation_h", "overlap", "gamma", "lr");
        for (int i = 0; i < Epochs.Count; i++)
        {
            var e = Epochs[i];
            csv.AddRow(e.Epoch, Hours[i], e.Loss, e.TrainAccuracy, e.ValidationAccuracy ?? double.NaN, e.ValidationOverlap ?? double.NaN, e.Gamma, e.LearningRate);
        }
        csv.Save(prefix + ".csv");
    }

    /// <summary>The learning curve: training H and, where measured, validation H against cumulative training time.</summary>
    public LinePlot Plot()
    {
        var plot = new LinePlot { Title = "SA-nODE learning curve", XLabel = "training time (hours, this machine)", YLabel = "accuracy H" };
        plot.Add("train H (training horizon)", Hours, Epochs.Select(e => e.TrainAccuracy).ToArray());
        var valid = Enumerable.Range(0, Epochs.Count).Where(i => Epochs[i].ValidationAccuracy.HasValue).ToArray();
        if (valid.Length > 0)
            plot.Add("validation H (evaluation horizon)", valid.Select(i => Hours[i]).ToArray(), valid.Select(i => Epochs[i].ValidationAccuracy!.Value).ToArray());
        return plot;
    }
}
