namespace Basin.Tensors.IO;

/// <summary>Replaces a file all at once: readers see the old content or the new, never a half-written file.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Runs <paramref name="write"/> on a fresh temporary file in the directory of <paramref name="path"/>, flushes it
    /// to disk, then renames it over <paramref name="path"/> (creating missing directories) (<see cref="File.Move(string, string, bool)"/> with overwrite).
    /// If <paramref name="write"/> or the flush throws, the temporary file is deleted and the existing file is untouched;
    /// temporary files that killed writers left behind for the same path are removed first.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(dir);
        RemoveAbandoned(dir, Path.GetFileName(full));
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files of earlier writes to the same path whose writer died (kill -9, power loss) before it
    /// could delete them. A live writer holds its temporary file open with <see cref="FileShare.None"/> (an exclusive
    /// lock, flock on Unix), so a file that can be opened exclusively has been abandoned; one still locked is left alone.
    /// </summary>
    private static void RemoveAbandoned(string dir, string name)
    {
        IEnumerable<string> stale;
        try { stale = Directory.EnumerateFiles(dir, $".{name}.*.tmp").ToArray(); }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }
        foreach (var f in stale)
        {
            if (Path.GetFileName(f).Length != name.Length + 38) continue; // "." + name + "." + 32 hex digits + ".tmp"
            try
            {
                using (new FileStream(f, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(f);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Atomically writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    /// <summary>Atomically writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }
}
