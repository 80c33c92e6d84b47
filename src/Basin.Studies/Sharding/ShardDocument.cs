using System.Text.Json.Nodes;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Sharding;

/// <summary>
/// The partial result of one shard: <c>{"study": NAME, "shard": "K/N", "options": {…}, "result": {…}}</c>. The options
/// are those of the whole study (the shard is not one of them), so that every shard of one study carries the same
/// options and a mixture of studies is refused at merge time.
/// </summary>
public static class ShardDocument
{
    /// <summary>Builds a partial-result document.</summary>
    public static JsonObject Create(string study, Shard shard, JsonNode options, JsonNode result) => new()
    {
        ["study"] = study,
        ["shard"] = shard.ToString(),
        ["options"] = options.DeepClone(),
        ["result"] = result.DeepClone(),
    };

    /// <summary>A parsed partial result.</summary>
    public sealed record Part(string Study, Shard Shard, JsonNode Options, JsonNode Result, string Source);

    /// <summary>Reads and checks the structure of one partial-result file.</summary>
    public static Part Read(string path)
    {
        var node = JsonOutput.Read(path);
        return Parse(node, path);
    }

    /// <summary>Checks the structure of one partial-result document.</summary>
    public static Part Parse(JsonNode node, string source)
    {
        if (node is not JsonObject o || o["study"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || o["shard"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || o["options"] is null || o["result"] is null)
            throw new InvalidDataException($"{source}: not a partial study result (expected keys study, shard, options, result).");
        Shard shard;
        try { shard = Shard.Parse((string)o["shard"]!); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: {e.Message}"); }
        return new Part((string)o["study"]!, shard, o["options"]!, o["result"]!, source);
    }

    /// <summary>
    /// Orders and checks a complete set of parts: one study, identical options, the same N, and every K from 1 to N
    /// exactly once. Throws <see cref="InvalidDataException"/> naming what is missing, duplicated or mismatched.
    /// </summary>
    public static IReadOnlyList<Part> CheckComplete(IReadOnlyList<Part> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("No partial results to merge.");
        var first = parts[0];
        foreach (var p in parts)
        {
            if (p.Study != first.Study) throw new InvalidDataException($"{p.Source} is a part of '{p.Study}', {first.Source} of '{first.Study}'.");
            if (p.Shard.Count != first.Shard.Count) throw new InvalidDataException($"{p.Source} is shard {p.Shard}, {first.Source} shard {first.Shard}: different N.");
            if (!JsonNode.DeepEquals(p.Options, first.Options)) throw new InvalidDataException($"{p.Source} ran with other options than {first.Source}.");
        }
        var dup = parts.GroupBy(p => p.Shard.Index).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new InvalidDataException($"Shard {dup.Key}/{first.Shard.Count} given twice ({string.Join(", ", dup.Select(p => p.Source))}).");
        var missing = Enumerable.Range(1, first.Shard.Count).Except(parts.Select(p => p.Shard.Index)).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"Shards missing: {string.Join(", ", missing.Select(k => $"{k}/{first.Shard.Count}"))}.");
        return parts.OrderBy(p => p.Shard.Index).ToArray();
    }
}
