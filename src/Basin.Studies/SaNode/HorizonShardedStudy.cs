using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.SaNode.Studies;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>
/// <c>basin sanode study horizon --shard K/N</c>: each shard scores its share of the test images and keeps every image's
/// read-outs (sign agreement, nearest attractor, overlap, MSE per time); <see cref="Merge"/> concatenates them in image
/// order and aggregates them with <see cref="HorizonStudy.Aggregate"/>, as the unsharded run does, so the result is the same
/// to the last bit.
/// </summary>
public sealed class HorizonShardedStudy : IShardedStudy
{
    /// <inheritdoc />
    public string Name => "horizon";

    /// <inheritdoc />
    public JsonNode Merge(JsonNode options, IReadOnlyList<JsonNode> parts)
    {
        var o = HorizonStudyOptions.FromJson(options);
        var times = parts[0]["times"]!.AsArray().Select(t => (double)t!).ToArray();
        int n = (int)parts[0]["n"]!;
        var samples = new List<HorizonSample>();
        long rowSteps = 0, rowEvaluations = 0;
        foreach (var p in parts)
        {
            rowSteps += (long?)p["row_steps"] ?? 0;
            rowEvaluations += (long?)p["row_evaluations"] ?? 0;
            if (!p["times"]!.AsArray().Select(t => (double)t!).SequenceEqual(times) || (int)p["n"]! != n)
                throw new InvalidDataException("The horizon shards have different read-out times or model sizes.");
            samples.AddRange(p["samples"].Deserialize<HorizonSample[]>(JsonOutput.Options) ?? []);
        }
        for (int i = 0; i < samples.Count; i++)
            if (samples[i].Index != i) throw new InvalidDataException($"The horizon shards do not cover images 0…{samples.Count - 1} in order (image {samples[i].Index} at position {i}).");
        return (HorizonStudyRun.Report(o, times, n, samples) with { RowSteps = rowSteps, RowEvaluations = rowEvaluations }).ToJson();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Render(JsonNode result, string directory) => HorizonFigures.Write(directory, HorizonReport.FromJson(result));
}
