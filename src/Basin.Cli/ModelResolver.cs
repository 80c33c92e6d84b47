namespace Basin.Cli;

/// <summary>
/// Resolves <c>--model</c> values: a file path, or <c>pretrained:NAME</c> for a model shipped with Basin
/// (<c>models/sanode-NAME.safetensors</c> next to the executable, or in the repository it was built from).
/// </summary>
public static class ModelResolver
{
    /// <summary>Prefix of shipped model names.</summary>
    public const string Prefix = "pretrained:";

    /// <summary>Returns an existing file path or throws <see cref="FileNotFoundException"/> with the places searched.</summary>
    public static string Resolve(string model)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("--model is empty.");
        if (!model.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return File.Exists(model) ? Path.GetFullPath(model) : throw new FileNotFoundException($"Model file '{model}' does not exist.");
        var name = model[Prefix.Length..].Trim().ToLowerInvariant();
        var file = $"sanode-{name}.safetensors";
        var searched = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", file);
            searched.Add(candidate);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Shipped model '{model}' not found (looked for {file} in: {string.Join(", ", searched.Take(4))}…). Known names: mnist, fashion.");
    }
}
