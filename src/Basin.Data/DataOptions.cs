namespace Basin.Data;

/// <summary>Where and how <see cref="Datasets"/> finds data.</summary>
public sealed record DataOptions
{
    /// <summary>The cache root; <see cref="DataDirectory.Root"/> when null.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>
    /// A directory holding official IDX files (<c>train-images-idx3-ubyte[.gz]</c>, …) to load instead of
    /// the cache — the CLI's <c>--idx-dir</c>. Used for MNIST and Fashion-MNIST; ignored for the letters.
    /// </summary>
    public string? IdxDirectory { get; init; }

    /// <summary>Whether loading a dataset that is not cached may fetch it with <c>npm</c>. Default true.</summary>
    public bool AllowFetch { get; init; } = true;

    /// <summary>Receives progress messages while fetching.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Runs <c>npm</c>; <see cref="SystemProcessRunner"/> when null.</summary>
    public IProcessRunner? ProcessRunner { get; init; }

    /// <summary>Copies of each letter in the built-in letters dataset. Default 100.</summary>
    public int LetterCopies { get; init; } = 100;

    /// <summary><see cref="CacheRoot"/> or, when null, <see cref="DataDirectory.Root"/>.</summary>
    public string ResolvedCacheRoot => CacheRoot ?? DataDirectory.Root;
}
