using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.SaNode.Studies;
using Basin.Stability.Classifiers;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;

namespace Basin.Studies.SaNode;

/// <summary>Options of <c>basin sanode study horizon</c> (the same for every shard of a run).</summary>
/// <param name="Model">Model file or <c>pretrained:NAME</c>.</param>
/// <param name="Dataset">Test images: mnist, fashion or letters.</param>
/// <param name="Times">Read-out times t (the largest is the horizon).</param>
/// <param name="Count">Score only the first N test images (0 = all).</param>
/// <param name="Dt">Step size Δt.</param>
/// <param name="Solver">A method of <see cref="ButcherTableau.Catalogue"/>.</param>
/// <param name="Batch">Images integrated together (does not change the result).</param>
/// <param name="Rtol">Relative tolerance; with <paramref name="Atol"/>, rtol + atol &gt; 0 makes the embedded pair
/// <paramref name="Solver"/> adaptive (per-image step control, read-outs at the exact times; <see cref="HorizonStudy.SamplesAdaptive{T}"/>).</param>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="MaxSteps">Most adaptive steps per image and read-out segment.</param>
public sealed record HorizonStudyOptions(string Model, string Dataset, double[] Times, int Count = 0, double Dt = 0.1, string Solver = "euler", int Batch = 500,
    double Rtol = 0, double Atol = 0, int MaxSteps = 4096)
{
    /// <summary>Whether the solve adapts its step (rtol + atol &gt; 0).</summary>
    public bool Adaptive => Rtol + Atol > 0;

    /// <summary>The default read-out times: the training horizon 5.5 among times up to the paper's T = 120.</summary>
    public static double[] DefaultTimes { get; } = [1, 2, 3, 4, 5.5, 7.5, 10, 15, 20, 30, 40, 60, 80, 120];

    /// <summary>The options as written in a shard document (the batch size is left out: it does not change the result).</summary>
    public JsonObject ToJson() => new()
    {
        ["model"] = Model, ["dataset"] = Dataset, ["times"] = new JsonArray(Times.Select(t => (JsonNode)t).ToArray()),
        ["count"] = Count, ["dt"] = Dt, ["solver"] = Solver, ["rtol"] = Rtol, ["atol"] = Atol, ["max_steps"] = MaxSteps,
    };

    /// <summary>Reads options written by <see cref="ToJson"/>.</summary>
    public static HorizonStudyOptions FromJson(JsonNode o) => new((string)o["model"]!, (string)o["dataset"]!,
        o["times"]!.AsArray().Select(t => (double)t!).ToArray(), (int)o["count"]!, (double)o["dt"]!, (string)o["solver"]!,
        Rtol: (double?)o["rtol"] ?? 0, Atol: (double?)o["atol"] ?? 0, MaxSteps: (int?)o["max_steps"] ?? 4096);
}

/// <summary>A horizon study's result with what it ran on: the document that <c>summary.json</c>, the figure and <c>basin merge</c> use.</summary>
/// <param name="Study">Always <c>horizon</c>.</param>
/// <param name="Model">The model as given.</param>
/// <param name="Dataset">The dataset.</param>
/// <param name="Dt">Step size.</param>
/// <param name="Solver">Method name.</param>
/// <param name="Result">The aggregated read-outs.</param>
/// <param name="Rtol">Relative tolerance of an adaptive run (0: fixed steps of <paramref name="Dt"/>).</param>
/// <param name="Atol">Absolute tolerance of an adaptive run.</param>
/// <param name="RowSteps">Steps summed over images (and over the shards of a merged run).</param>
/// <param name="RowEvaluations">Evaluations of F summed over images, the cost to compare fixed and adaptive runs by.</param>
public sealed record HorizonReport(string Study, string Model, string Dataset, double Dt, string Solver, HorizonStudyResult Result,
    double Rtol = 0, double Atol = 0, long RowSteps = 0, long RowEvaluations = 0)
{
    /// <summary>The report as JSON (<see cref="JsonOutput.Options"/>).</summary>
    public JsonNode ToJson() => System.Text.Json.JsonSerializer.SerializeToNode(this, JsonOutput.Options)!;

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static HorizonReport FromJson(JsonNode node) => node.Deserialize<HorizonReport>(JsonOutput.Options)
        ?? throw new InvalidDataException("Not a horizon report.");
}

/// <summary>
/// Runs <see cref="HorizonStudy"/> for <see cref="HorizonStudyOptions"/>: the whole study, or the per-image read-outs of one
/// shard's images (<see cref="Shard.Range"/> over the evaluated images) for <c>basin merge</c>.
/// </summary>
public static class HorizonStudyRun
{
    /// <summary>The evaluated test images of <paramref name="o"/>.</summary>
    public static LabeledImages Images(HorizonStudyOptions o, DataOptions? data = null)
    {
        if (o.Count < 0) throw new ArgumentException("--count must be ≥ 0.");
        var images = Datasets.Load(o.Dataset, DataSplit.Test, data);
        return o.Count > 0 ? images.Take(Math.Min(o.Count, images.Count)) : images;
    }

    /// <summary>The per-image read-outs of shard <paramref name="shard"/> (all images for <see cref="Shard.Whole"/>).</summary>
    public static (double[] Times, int N, HorizonSample[] Samples) Samples(HorizonStudyOptions o, Shard shard, DataOptions? data = null,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var (times, n, samples, _) = SamplesWithCost(o, shard, data, progress, cancel);
        return (times, n, samples);
    }

    /// <summary><see cref="Samples"/> with what the integration cost (evaluations of F summed over images).</summary>
    public static (double[] Times, int N, HorizonSample[] Samples, HorizonCost Cost) SamplesWithCost(HorizonStudyOptions o, Shard shard,
        DataOptions? data = null, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (o.Batch < 1) throw new ArgumentException("--batch must be ≥ 1.");
        var model = ModelFiles.LoadSaNode<float>(o.Model);
        var images = Images(o, data);
        if (images.PixelsPerImage != model.Config.N) throw new ArgumentException($"Images have {images.PixelsPerImage} pixels, the model N = {model.Config.N}.");
        var (start, length) = shard.Range(images.Count);
        var method = ButcherTableau.Parse(o.Solver);
        if (o.Adaptive)
        {
            var (at, asamples, cost) = HorizonStudy.SamplesAdaptive(new SaNodeRunner<float>(model), images, method, o.Rtol, o.Atol, o.Times,
                start, length, o.Batch, o.MaxSteps, progress, cancel);
            return (at, model.Config.N, asamples, cost);
        }
        var (times, samples) = HorizonStudy.Samples(new SaNodeRunner<float>(model), images, method, o.Dt, o.Times,
            start, length, o.Batch, progress, cancel);
        long rowSteps = (long)length * (long)Math.Round(times[^1] / o.Dt);
        return (times, model.Config.N, samples, new HorizonCost(rowSteps, rowSteps * method.FixedStepStages));
    }

    /// <summary>The report of the unsharded study.</summary>
    public static HorizonReport Run(HorizonStudyOptions o, DataOptions? data = null, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var (times, n, samples, cost) = SamplesWithCost(o, Shard.Whole, data, progress, cancel);
        return Report(o, times, n, samples) with { RowSteps = cost.RowSteps, RowEvaluations = cost.RowEvaluations };
    }

    /// <summary>The report from per-image read-outs in image order.</summary>
    public static HorizonReport Report(HorizonStudyOptions o, double[] times, int n, IReadOnlyList<HorizonSample> samples) =>
        new("horizon", o.Model, Datasets.Normalize(o.Dataset), o.Adaptive ? 0 : o.Dt, ButcherTableau.Parse(o.Solver).Name, HorizonStudy.Aggregate(times, n, samples),
            o.Adaptive ? o.Rtol : 0, o.Adaptive ? o.Atol : 0);

    /// <summary>One shard's partial result: <c>{times, n, row_steps, row_evaluations, samples: [...]}</c>.</summary>
    public static JsonObject Part(double[] times, int n, IReadOnlyList<HorizonSample> samples, HorizonCost? cost = null) => new()
    {
        ["times"] = new JsonArray(times.Select(t => (JsonNode)t).ToArray()),
        ["n"] = n,
        ["row_steps"] = cost?.RowSteps ?? 0,
        ["row_evaluations"] = cost?.RowEvaluations ?? 0,
        ["samples"] = System.Text.Json.JsonSerializer.SerializeToNode(samples, JsonOutput.Options),
    };

    /// <summary>The shard document of shard <paramref name="shard"/> of the study <paramref name="o"/>.</summary>
    public static JsonObject RunShard(HorizonStudyOptions o, Shard shard, DataOptions? data = null, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var (times, n, samples, cost) = SamplesWithCost(o, shard, data, progress, cancel);
        return Sharding.ShardDocument.Create("horizon", shard, o.ToJson(), Part(times, n, samples, cost));
    }
}
