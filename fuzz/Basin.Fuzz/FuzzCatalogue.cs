using Basin.Fuzz.Targets;

namespace Basin.Fuzz;

/// <summary>Every fuzz target, one per format Basin reads.</summary>
public static class FuzzCatalogue
{
    /// <summary>The targets, most hostile formats (untrusted files from elsewhere) first.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new SafeTensorsTarget(), new IdxTarget(), new ImageTarget(), new CipherTarget(), new ObfuscatedFileTarget(), new CsvTarget(),
        new SaNodeModelTarget(), new SaNodeCheckpointTarget(), new DfsaModelTarget(), new FashionJsonTarget(),
        new CipherKeyTarget(), new ObfuscationKeyTarget(), new MetadataJsonTarget(),
    ];

    /// <summary>The target named <paramref name="name"/>.</summary>
    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown fuzz target '{name}' (targets: {string.Join(", ", All.Select(t => t.Name))}).");
}
