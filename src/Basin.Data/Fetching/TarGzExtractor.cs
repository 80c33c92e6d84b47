using System.Formats.Tar;
using System.IO.Compression;

namespace Basin.Data;

/// <summary>
/// Extracts gzip-compressed tar archives (npm tarballs) safely: every entry must land inside the
/// destination (no absolute paths, no <c>..</c> escapes), links and device entries are refused, and the
/// total size is bounded.
/// </summary>
public static class TarGzExtractor
{
    /// <summary>The default bound on the bytes extracted from one archive: 4 GiB.</summary>
    public const long DefaultMaxBytes = 4L << 30;

    /// <summary>
    /// Extracts the regular files of <paramref name="archivePath"/> accepted by <paramref name="include"/>
    /// (given the entry's '/'-separated path; all when null) into <paramref name="destination"/>.
    /// </summary>
    /// <returns>The '/'-separated archive paths of the extracted files.</returns>
    /// <exception cref="InvalidDataException">The archive is malformed, escapes the destination, holds a link, or exceeds <paramref name="maxBytes"/>.</exception>
    public static IReadOnlyList<string> Extract(string archivePath, string destination, Func<string, bool>? include = null, long maxBytes = DefaultMaxBytes)
    {
        using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Extract(file, Path.GetFileName(archivePath), destination, include, maxBytes);
    }

    /// <summary>Extracts a .tar.gz stream; <paramref name="sourceName"/> names it in error messages.</summary>
    public static IReadOnlyList<string> Extract(Stream archive, string sourceName, string destination, Func<string, bool>? include = null, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(destination);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination)) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        var extracted = new List<string>();
        long total = 0;
        try
        {
            using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                switch (entry.EntryType)
                {
                    case TarEntryType.GlobalExtendedAttributes:
                        continue;
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(TargetPath(root, entry.Name, sourceName));
                        continue;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        break;
                    default:
                        throw new InvalidDataException($"Archive '{sourceName}' holds entry '{entry.Name}' of type {entry.EntryType}; only regular files and directories are extracted.");
                }

                string target = TargetPath(root, entry.Name, sourceName);
                string name = Normalize(entry.Name);
                if (include is not null && !include(name))
                    continue;
                total += entry.Length;
                if (total > maxBytes)
                    throw new InvalidDataException($"Archive '{sourceName}' expands to more than {maxBytes} bytes; refusing to extract it.");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
                {
                    entry.DataStream?.CopyTo(output);
                }
                extracted.Add(name);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Archive '{sourceName}' is truncated.", e);
        }
        catch (InvalidDataException e) when (!e.Message.Contains(sourceName, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Archive '{sourceName}' is not a valid .tar.gz file: {e.Message}", e);
        }
        return extracted;
    }

    private static string Normalize(string entryName)
    {
        string name = entryName.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
            name = name[2..];
        return name;
    }

    private static string TargetPath(string root, string entryName, string sourceName)
    {
        string name = entryName.Replace('\\', '/');
        if (name.Length == 0 || name.Contains('\0') || Path.IsPathRooted(name) || name.StartsWith('/') || name.Split('/').Contains(".."))
            throw new InvalidDataException($"Archive '{sourceName}' holds entry '{entryName}', whose path leaves the extraction directory; refusing to extract it.");
        string full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            && !string.Equals(full + Path.DirectorySeparatorChar, root, StringComparison.Ordinal))
            throw new InvalidDataException($"Archive '{sourceName}' holds entry '{entryName}', whose path leaves the extraction directory; refusing to extract it.");
        return full;
    }
}
