namespace Basin.SaNode;

/// <summary>
/// The SA-nODE models shipped with Basin, addressed as <c>pretrained:NAME</c> (<c>pretrained:mnist</c>,
/// <c>pretrained:fashion</c>). A name resolves to <c>sanode-NAME.safetensors</c> in, in order: the directory named by
/// the environment variable <c>BASIN_MODELS</c>; a <c>models</c> directory next to the Basin assemblies (the .NET tool
/// and the NuGet package put them there); the <c>models</c> directory of any parent (a source checkout).
/// </summary>
public static class PretrainedModels
{
    /// <summary>Prefix of shipped model names.</summary>
    public const string Prefix = "pretrained:";

    /// <summary>Names of the shipped models.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mnist", "fashion"];

    /// <summary>Whether <paramref name="spec"/> names a shipped model.</summary>
    public static bool IsPretrained(string spec) => spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Resolves a model argument: an existing file path (made absolute), or <c>pretrained:NAME</c>. Throws
    /// <see cref="FileNotFoundException"/> naming the places searched, or <see cref="ArgumentException"/> for an empty value.
    /// </summary>
    public static string Resolve(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException("The model argument is empty.");
        if (!IsPretrained(spec))
            return File.Exists(spec) ? Path.GetFullPath(spec) : throw new FileNotFoundException($"Model file '{spec}' does not exist.");
        var name = spec[Prefix.Length..].Trim().ToLowerInvariant();
        var file = $"sanode-{name}.safetensors";
        var searched = new List<string>();
        foreach (var dir in SearchDirectories())
        {
            var candidate = Path.Combine(dir, file);
            searched.Add(candidate);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Shipped model '{spec}' not found (looked for {file} in: {string.Join(", ", searched.Take(4))}…). " +
                                        $"Known names: {string.Join(", ", Names)}.");
    }

    private static IEnumerable<string> SearchDirectories()
    {
        if (Environment.GetEnvironmentVariable("BASIN_MODELS") is { Length: > 0 } env) yield return env;
        var here = Path.GetDirectoryName(typeof(PretrainedModels).Assembly.Location);
        var starts = new[] { AppContext.BaseDirectory, here }.Where(d => !string.IsNullOrEmpty(d)).Distinct();
        foreach (var start in starts)
            for (var dir = new DirectoryInfo(start!); dir != null; dir = dir.Parent)
                yield return Path.Combine(dir.FullName, "models");
    }
}
