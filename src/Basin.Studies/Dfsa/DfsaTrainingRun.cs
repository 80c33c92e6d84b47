using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Studies.Dfsa;

/// <summary>A whole DFSA training run: what to train, how, and where its files go.</summary>
/// <param name="Spec">The network.</param>
/// <param name="Input">The input distribution p(x).</param>
/// <param name="Objective">The weighted terms Σ λ_i L_i.</param>
/// <param name="Preset">The preset the objective came from (null: custom).</param>
/// <param name="Training">Adam steps, batch, learning rate, clip, seed and estimators.</param>
/// <param name="Output">Model file to write (.safetensors).</param>
/// <param name="Curves">Directory of the curves (null: MODEL.curves).</param>
/// <param name="CheckpointEvery">Write MODEL.ckpt every K steps (0 = off).</param>
/// <param name="Resume">Checkpoint to continue from.</param>
/// <param name="NoStability">Whether the stability terms were dropped (recorded in the metadata).</param>
/// <param name="Double">Train in float64 instead of float32.</param>
public sealed record DfsaRunOptions(NetworkSpec Spec, InputDistribution Input, Objective Objective, string? Preset, DfsaTrainOptions Training,
    string Output, string? Curves = null, int CheckpointEvery = 0, string? Resume = null, bool NoStability = false, bool Double = false);

/// <summary>The outcome of a training run.</summary>
/// <param name="Model">The model file written.</param>
/// <param name="Preset">Preset name or null.</param>
/// <param name="Architecture">Network architecture.</param>
/// <param name="Input">p(x).</param>
/// <param name="Steps">Steps done in total.</param>
/// <param name="Diverged">Whether training stopped on a non-finite loss or output.</param>
/// <param name="Reason">Why it stopped, when it diverged.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="FinalLoss">The last step's loss (null when no step was taken).</param>
/// <param name="FinalTerms">The last step's term values (term → value; non-finite as null).</param>
/// <param name="Curves">Base path of the curves figure (.svg/.png/.csv), or null when no step was taken.</param>
public sealed record DfsaRunResult(string Model, string? Preset, string Architecture, string Input, int Steps, bool Diverged, string? Reason,
    double Seconds, double? FinalLoss, IReadOnlyDictionary<string, double?> FinalTerms, string? Curves)
{
    /// <summary>The JSON summary of <c>basin dfsa train --json</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["model"] = Model, ["preset"] = Preset, ["architecture"] = Architecture, ["input"] = Input,
        ["steps"] = Steps, ["diverged"] = Diverged, ["reason"] = Reason, ["seconds"] = Math.Round(Seconds, 2),
        ["final_loss"] = FinalLoss is double l ? JsonOutput.Finite(l) : null,
        ["final_terms"] = new JsonObject(FinalTerms.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is double v ? JsonOutput.Finite(v) : null))),
        ["curves"] = Curves is null ? null : Curves + ".svg",
    };
}

/// <summary>
/// Runs data-free training end to end (Adam on Σ λ_i L_i with a fresh batch x ∼ p(x) each step, white paper §3): builds the
/// network from the seed, resumes from a checkpoint if asked, checkpoints, saves the model with its metadata and writes
/// the curves (<see cref="TrainingCurves"/>).
/// </summary>
public static class DfsaTrainingRun
{
    /// <summary>Trains; <paramref name="afterStep"/> sees every step (for progress), after the checkpoint of that step.</summary>
    public static DfsaRunResult Run(DfsaRunOptions o, Action<StepReport>? afterStep = null, CancellationToken cancel = default) =>
        o.Double ? Run<double>(o, afterStep, cancel) : Run<float>(o, afterStep, cancel);

    private static DfsaTrainer<T> Trainer<T>(DfsaRunOptions o) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var trainer = new DfsaTrainer<T>(o.Spec.Create<T>(new Rng(o.Training.Seed)), o.Input, o.Objective, o.Training);
        if (o.Resume != null) trainer.LoadCheckpoint(o.Resume);
        return trainer;
    }

    /// <summary>The metadata saved with the model.</summary>
    public static Dictionary<string, string> Metadata(DfsaRunOptions o) => new()
    {
        ["preset"] = o.Preset ?? "custom",
        ["terms"] = o.Objective.ToString(),
        ["input"] = o.Input.Name,
        ["seed"] = o.Training.Seed.ToString(CultureInfo.InvariantCulture),
        ["steps"] = o.Training.Steps.ToString(CultureInfo.InvariantCulture),
        ["batch"] = o.Training.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["lr"] = o.Training.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["stability"] = o.NoStability ? "off" : "on",
        ["dtype"] = o.Double ? "f64" : "f32",
    };

    private static DfsaRunResult Run<T>(DfsaRunOptions o, Action<StepReport>? afterStep, CancellationToken cancel) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var trainer = Trainer<T>(o);
        var metadata = Metadata(o);
        string ckptPath = o.Output + ".ckpt";
        var sw = Stopwatch.StartNew();
        var result = trainer.Train(r =>
        {
            if (o.CheckpointEvery > 0 && r.Step % o.CheckpointEvery == 0) trainer.SaveCheckpoint(ckptPath, metadata);
            afterStep?.Invoke(r);
        }, cancel);
        metadata["steps_done"] = result.Steps.ToString(CultureInfo.InvariantCulture);
        if (result.Diverged) metadata["diverged"] = result.Reason!;
        DfsaModelFile.Save(o.Output, trainer.Network, metadata);
        string curveDir = o.Curves ?? Path.ChangeExtension(o.Output, null) + ".curves";
        string? figure = result.History.Steps.Count > 0
            ? TrainingCurves.Write(curveDir, result.History, $"{o.Preset ?? "custom"} · {o.Spec.Architecture} {o.Spec.InputDim}→{o.Spec.OutputDim} · {o.Input.Name}")
            : null;
        var last = result.History.Steps.Count > 0 ? result.History.Steps[^1] : null;
        var final = new Dictionary<string, double?>();
        if (last != null) for (int i = 0; i < o.Objective.Names.Count; i++) final[o.Objective.Names[i]] = last.Values[i];
        return new DfsaRunResult(o.Output, o.Preset, o.Spec.Architecture.ToString(), o.Input.Name, result.Steps, result.Diverged, result.Reason,
            sw.Elapsed.TotalSeconds, last?.Loss, final, figure);
    }
}
