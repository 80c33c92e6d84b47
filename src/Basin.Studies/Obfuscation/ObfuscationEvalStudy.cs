using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Obfuscation.Evaluation;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;

namespace Basin.Studies.Obfuscation;

/// <summary>
/// <c>obfuscation-eval</c>: the utility/privacy evaluation of <c>basin obfuscate eval</c> split by work item
/// (<see cref="ObfuscationEvaluation.WorkItems"/>: plain utility, each transform). A shard's result is
/// <see cref="EvaluationJson.Part"/>; the merge reads the parts back, assembles them in shard order
/// (<see cref="ObfuscationEvaluation.Assemble"/>) and writes <see cref="EvaluationReportWriter.ToStudyJson"/> — the same
/// document as the unsharded run's, since every item's result depends only on the data and the options.
/// </summary>
public sealed class ObfuscationEvalStudy : IShardedStudy
{
    /// <inheritdoc />
    public string Name => "obfuscation-eval";

    /// <summary>The options document: every field of <paramref name="o"/> and the data source.</summary>
    public static JsonNode Options(EvaluationOptions o, string? idxDir)
    {
        var node = JsonSerializer.SerializeToNode(o, JsonOutput.Options)!.AsObject();
        node["data"] = idxDir is null ? "mnist (data cache)" : Path.GetFullPath(idxDir);
        return node;
    }

    /// <summary>The study result of a whole report (what <see cref="Merge"/> gives for its shards).</summary>
    public static JsonObject Result(EvaluationReport r) => EvaluationReportWriter.ToStudyJson(r);

    /// <inheritdoc />
    public JsonNode Merge(JsonNode options, IReadOnlyList<JsonNode> parts) =>
        Result(ObfuscationEvaluation.Assemble(parts.Select(EvaluationJson.PartFrom).ToArray(), double.NaN));

    /// <inheritdoc />
    public IReadOnlyList<string> Render(JsonNode result, string directory) => EvaluationReportWriter.Write(EvaluationJson.ReportFrom(result), directory);
}
