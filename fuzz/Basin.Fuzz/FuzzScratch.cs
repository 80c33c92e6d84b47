namespace Basin.Fuzz;

/// <summary>
/// Scratch files for targets whose reader takes a path: one directory per process (in /dev/shm when it exists, so forked
/// fuzz runs do not touch the disk), deleted at exit.
/// </summary>
public static class FuzzScratch
{
    private static readonly Lazy<string> Dir = new(() =>
    {
        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var d = Directory.CreateDirectory(Path.Combine(root, $"basin-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(d, true); } catch (IOException) { } };
        return d;
    });

    /// <summary>Writes <paramref name="bytes"/> to the scratch file <paramref name="name"/> and returns its path.</summary>
    public static string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(Dir.Value, $"{Environment.CurrentManagedThreadId}-{name}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A path in the scratch directory for an output; any file left there by the previous input is removed.</summary>
    public static string Output(string name)
    {
        string path = Path.Combine(Dir.Value, $"{Environment.CurrentManagedThreadId}-{name}");
        File.Delete(path);
        return path;
    }

    /// <summary>Reads what a valid writer produced at a scratch path.</summary>
    public static byte[] ReadBack(Action<string> write, string name)
    {
        string path = Output(name);
        write(path);
        var b = File.ReadAllBytes(path);
        File.Delete(path);
        return b;
    }
}
