using System.Text.Json.Nodes;

namespace Basin.Studies.Sharding;

/// <summary>
/// A study whose work can be split with <c>--shard K/N</c>. A shard's run writes a <see cref="ShardDocument"/> (the
/// study's name, the shard, the options it ran with and its partial result); <see cref="Merge"/> combines the partial
/// results of shards 1…N into the JSON result of the unsharded run, exactly (the same numbers, not an approximation).
/// Adding a sharded study is its implementation plus a line in <see cref="ShardedStudies.Catalogue"/>.
/// </summary>
public interface IShardedStudy
{
    /// <summary>The study's name as written in partial results (e.g. <c>accurate-or-stable</c>).</summary>
    string Name { get; }

    /// <summary>Combines the partial results of shards 1…N (in shard order; options identical) into the whole result.</summary>
    JsonNode Merge(JsonNode options, IReadOnlyList<JsonNode> parts);

    /// <summary>Writes the study's report files (tables, figures) for a merged result into <paramref name="directory"/>; returns the files written.</summary>
    IReadOnlyList<string> Render(JsonNode result, string directory);
}
