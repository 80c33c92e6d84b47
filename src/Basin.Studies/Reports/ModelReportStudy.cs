using System.Diagnostics;
using Basin.Data;
using Basin.SaNode;
using Basin.SaNode.Evaluation;
using Basin.Stability.Classifiers;
using Basin.Studies.SaNode;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Reports;

/// <summary>
/// One model's report (<c>basin report</c>): provenance from the safetensors metadata, the accuracy table of
/// <see cref="SaNodeEvaluation"/>, the linear-stability certificate of <see cref="SaNodeStabilityReport"/>, the horizon study
/// of <see cref="HorizonStudyRun"/> on the same first N test images, right/wrong/unsettled examples from its per-image
/// read-outs (<see cref="ReportExamplePicker"/>), the learning curve of a checkpoint (<see cref="TrainingHistory"/>) and
/// robustness curves from study files (<see cref="RobustnessStudyFile"/>). The inputs that can be wrong (checkpoint, study
/// files, dataset) are read before anything is integrated, so a bad one fails at once.
/// </summary>
public static class ModelReportStudy
{
    /// <summary>Work units reported to the progress of <c>Run</c> for <paramref name="images"/> evaluated images (evaluation, then horizon study).</summary>
    public static int Work(int images) => 2 * images;

    /// <summary>
    /// Reads and checks everything that can be wrong before any integration — the model (an SA-nODE), the checkpoint, the
    /// study files, the dataset and its image size — and loads the images to evaluate.
    /// </summary>
    public static ModelReportInputs Prepare(ModelReportOptions options, DataOptions? data = null)
    {
        var o = options.Validate();
        var path = ModelFiles.Resolve(o.Model);
        var (bundle, format) = ModelFiles.Open(path);
        if (format != ModelFormat.SaNode) throw new InvalidDataException($"{path}: a {ModelFiles.Describe(format)}; 'basin report' describes SA-nODE models.");
        var curve = o.Checkpoint is { } ckpt ? ReportLearningCurve.Read(ckpt) : null;
        var studies = (o.Studies ?? []).ToArray();
        var robustness = RobustnessStudyFile.Read(studies);
        var dataset = Datasets.Normalize(o.Dataset ?? bundle.Metadata.GetValueOrDefault("dataset")
            ?? throw new ArgumentException($"{path} does not name its dataset in its metadata; give --dataset mnist|fashion|letters."));
        var model = SaNodeFile.FromBundle<float>(bundle);
        var images = HorizonStudyRun.Images(new HorizonStudyOptions(path, dataset, o.Times, o.Count), data);
        if (images.PixelsPerImage != model.Config.N)
            throw new ArgumentException($"{dataset} images have {images.PixelsPerImage} pixels but the model has N = {model.Config.N} nodes.");
        return new ModelReportInputs(o, path, bundle, model, dataset, images, curve, robustness, studies.Select(Path.GetFullPath).ToArray());
    }

    /// <summary>Computes the report; <paramref name="progress"/> receives work units done (of <see cref="Work"/>).</summary>
    public static ModelReportResult Run(ModelReportOptions options, DataOptions? data = null, IProgress<int>? progress = null, CancellationToken cancel = default) =>
        Run(Prepare(options, data), data, progress, cancel);

    /// <summary>Computes the report from checked inputs (<see cref="Prepare"/>); <paramref name="progress"/> receives work units done (of <see cref="Work"/>).</summary>
    public static ModelReportResult Run(ModelReportInputs inputs, DataOptions? data = null, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var (o, path, bundle, model, dataset, images) = (inputs.Options, inputs.Path, inputs.Bundle, inputs.Model, inputs.Dataset, inputs.Images);
        var sw = Stopwatch.StartNew();
        var eval = SaNodeEvaluation.Run(model, path, images, dataset, "test", o.EvaluationOptions, progress, cancel);
        var (_, cert, config) = SaNodeStabilityReport.Run(path);
        var initial = SaNodeStabilityReport.InitialModel(bundle, config);
        var hopts = new HorizonStudyOptions(path, dataset, o.Times, o.Count, Batch: o.EvaluationOptions.Batch);
        var offset = progress is null ? null : new Offset(progress, images.Count);
        var (times, n, samples) = HorizonStudyRun.Samples(hopts, Shard.Whole, data, offset, cancel);
        var horizon = HorizonStudyRun.Report(hopts with { Model = o.Model }, times, n, samples);
        var examples = ReportExamplePicker.Pick(images, times, n, samples, o.ExamplesPerKind);
        var provenance = new SortedDictionary<string, string>(bundle.Metadata.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        return new ModelReportResult(o.Model, path, dataset, config.N, config.K, images.ClassNames, provenance, eval,
            ReportCertificate.From(cert, config.K, initial?.Lambda.ToArray()), horizon, examples, inputs.LearningCurve, inputs.Robustness,
            inputs.Studies, Math.Round(sw.Elapsed.TotalSeconds, 2));
    }

    private sealed class Offset(IProgress<int> inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner.Report(offset + value);
    }
}
