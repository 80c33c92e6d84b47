using System.Text.Json.Nodes;

namespace Basin.Studies.Sharding;

/// <summary>The catalogue of studies that accept <c>--shard K/N</c>, read by <c>basin merge</c> and the tests.</summary>
public static class ShardedStudies
{
    /// <summary>Every sharded study. Adding one is its <see cref="IShardedStudy"/> plus a line here.</summary>
    public static IReadOnlyList<IShardedStudy> Catalogue { get; } =
    [
        new Stability.AccurateOrStableStudy(),
        new SaNode.HorizonShardedStudy(),
        new Crypto.CryptoEvalStudy(),
        new Obfuscation.ObfuscationEvalStudy(),
    ];

    /// <summary>The study named <paramref name="name"/>, or a clear error listing the known names.</summary>
    public static IShardedStudy Find(string name) =>
        Catalogue.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidDataException($"Unknown sharded study '{name}'; known: {string.Join(", ", Catalogue.Select(s => s.Name))}.");

    /// <summary>The result of the merged study for a complete set of partial-result documents.</summary>
    public static (IShardedStudy Study, JsonNode Result) Merge(IReadOnlyList<ShardDocument.Part> parts)
    {
        var ordered = ShardDocument.CheckComplete(parts);
        var study = Find(ordered[0].Study);
        return (study, study.Merge(ordered[0].Options, ordered.Select(p => p.Result).ToArray()));
    }
}
