using System.Text.Json.Nodes;
using Basin.Crypto.Evaluation;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;

namespace Basin.Studies.Crypto;

/// <summary>
/// <c>crypto-eval</c>: the round sweep of <c>basin crypto eval</c> (Basin's cipher at each round count of
/// <see cref="EvaluationOptions.RoundSweep"/>) split by round count. A shard's result is the sweep document of its round
/// counts (<see cref="CryptoReportJson.Sweep(RoundSweepResult)"/>); the merge concatenates the shards' reports in shard
/// order (shards are contiguous ranges of the ascending counts) and reads the margin from the whole, which is exactly the
/// unsharded sweep. The key must be the same file for every shard (its id is part of the options).
/// </summary>
public sealed class CryptoEvalStudy : IShardedStudy
{
    /// <inheritdoc />
    public string Name => "crypto-eval";

    /// <summary>The options document of a sweep: the key's id and rounds and every size that changes a measurement.</summary>
    public static JsonObject Options(Basin.Crypto.Keys.CipherKey key, EvaluationOptions o) => new()
    {
        ["key_id"] = Convert.ToHexString(key.KeyId).ToLowerInvariant(), ["default_rounds"] = key.Rounds,
        ["round_sweep"] = new JsonArray(RoundSweep.Counts(o).Select(r => (JsonNode?)r).ToArray()),
        ["diffusion_samples"] = o.DiffusionSamples, ["nist_sequences"] = o.NistSequences, ["nist_bits"] = o.NistBits,
        ["attack_train"] = o.AttackTrain, ["attack_test"] = o.AttackTest, ["attack_epochs"] = o.AttackEpochs, ["seed"] = o.Seed,
    };

    /// <inheritdoc />
    public JsonNode Merge(JsonNode options, IReadOnlyList<JsonNode> parts) =>
        CryptoReportJson.Sweep(parts.SelectMany(p => p["round_sweep"]!.AsArray()).Select(c => c!), (int)options["default_rounds"]!);

    /// <inheritdoc />
    public IReadOnlyList<string> Render(JsonNode result, string directory)
    {
        var files = CryptoReportWriter.WriteSweep([], result["round_sweep"]!.AsArray().Select(c => c!.AsObject()), directory).ToList();
        string path = Path.Combine(directory, "round-sweep.json");
        JsonOutput.Write(path, result);
        files.Add(path);
        return files;
    }
}
