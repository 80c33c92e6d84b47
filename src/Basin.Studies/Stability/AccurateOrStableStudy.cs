using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Stability;
using Basin.Stability.Classifiers;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Stability;

/// <summary>
/// Bastounis–Hansen–Vlačić's question ("the mathematics of adversarial attacks in AI — why deep learning is unstable
/// despite the existence of stable neural networks", 2021) asked of Basin's models: for each model, the careful robustness
/// evaluation of <see cref="RobustnessEvaluation"/> on the first N test images. With a <see cref="Shard"/> it evaluates
/// only its share of the image batches (<see cref="Shard.Range"/> over the batches); <see cref="Merge(AccurateOrStableOptions, IReadOnlyList{AccurateOrStablePart})"/> concatenates the
/// per-image outcomes and aggregates, so merging shards 1…N equals the unsharded run exactly.
/// </summary>
public sealed class AccurateOrStableStudy : IShardedStudy
{
    /// <inheritdoc />
    public string Name => "accurate-or-stable";

    /// <summary>The whole study: <see cref="Merge(AccurateOrStableOptions, IReadOnlyList{AccurateOrStablePart})"/> of the one whole part.</summary>
    public static AccurateOrStableResult Run(AccurateOrStableOptions options, LabeledImages data, IProgress<(string Model, int Images)>? progress = null,
        CancellationToken cancel = default) => Merge(options, [RunShard(options, data, Shard.Whole, progress, cancel)]);

    /// <summary>Evaluates every model on the image batches of <paramref name="shard"/>; <paramref name="progress"/> receives images done per model.</summary>
    public static AccurateOrStablePart RunShard(AccurateOrStableOptions options, LabeledImages data, Shard shard,
        IProgress<(string Model, int Images)>? progress = null, CancellationToken cancel = default)
    {
        if (options.Models.Length == 0) throw new ArgumentException("The study needs at least one model.");
        var models = options.Models.Select(m => ModelFiles.LoadClassifier(m, options.Classifiers)).ToList();
        var surrogate = options.Surrogate is { } s ? ModelFiles.LoadClassifier(s, options.Classifiers) : models.OfType<MlpClassifier>().FirstOrDefault(m => !m.IsLinear);
        int count = Math.Min(options.Count, data.Count);
        var (first, batches) = shard.Range(RobustnessEvaluation.Batches(count, options.BatchSize));
        var runs = new List<RobustnessRun>();
        foreach (var c in models)
        {
            var o = options.Robustness(ReferenceEquals(c, surrogate) ? null : surrogate);
            runs.Add(RobustnessEvaluation.Evaluate(c, data, count, o, first, batches, new Progress(c.Name, progress), cancel));
        }
        return new AccurateOrStablePart(data.Name, count, surrogate?.Name, runs);
    }

    /// <summary>Combines the parts of shards 1…N (in shard order) into the study's result.</summary>
    public static AccurateOrStableResult Merge(AccurateOrStableOptions options, IReadOnlyList<AccurateOrStablePart> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("No parts to merge.");
        var f = parts[0];
        if (parts.Any(p => p.Models.Count != f.Models.Count || p.Count != f.Count || p.Dataset != f.Dataset))
            throw new InvalidDataException("The parts evaluated different models or images.");
        var models = Enumerable.Range(0, f.Models.Count)
            .Select(m => RobustnessSummary.Aggregate(RobustnessRun.Concat(parts.Select(p => p.Models[m]).ToArray()))).ToList();
        int images = models.Count == 0 ? 0 : models[0].Count;
        if (images != f.Count) throw new InvalidDataException($"The parts hold {images} images; the study has {f.Count}.");
        return new AccurateOrStableResult(f.Dataset, f.Count, f.Surrogate, models);
    }

    /// <summary>A value as JSON in the report's setup (<see cref="JsonOutput.Options"/>).</summary>
    public static JsonNode ToJson<T>(T value) => JsonSerializer.SerializeToNode(value, JsonOutput.Options)!;

    /// <summary>A value read back from <see cref="ToJson"/>.</summary>
    public static T FromJson<T>(JsonNode node) => node.Deserialize<T>(JsonOutput.Options) ?? throw new InvalidDataException($"Not a {typeof(T).Name}.");

    /// <inheritdoc />
    public JsonNode Merge(JsonNode options, IReadOnlyList<JsonNode> parts) =>
        ToJson(Merge(FromJson<AccurateOrStableOptions>(options), parts.Select(FromJson<AccurateOrStablePart>).ToArray()));

    /// <inheritdoc />
    public IReadOnlyList<string> Render(JsonNode result, string directory) => AccurateOrStableReport.Write(FromJson<AccurateOrStableResult>(result), directory);

    private sealed class Progress(string model, IProgress<(string, int)>? inner) : IProgress<int>
    {
        public void Report(int value) => inner?.Report((model, value));
    }
}
