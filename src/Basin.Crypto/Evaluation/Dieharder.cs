using System.Diagnostics;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Evaluation;

/// <summary>How to run dieharder on Basin keystream.</summary>
/// <param name="Directory">Where keystream.bin and dieharder.txt are written.</param>
/// <param name="Megabytes">Keystream to test, in MiB.</param>
/// <param name="TimeoutMinutes">The battery is stopped after this many minutes.</param>
public sealed record DieharderOptions(string Directory, int Megabytes = 256, double TimeoutMinutes = 20);

/// <summary>The outcome of a dieharder run.</summary>
/// <param name="Installed">Whether dieharder was found on the PATH.</param>
/// <param name="TimedOut">Whether the battery was stopped at the time limit.</param>
/// <param name="Passed">Tests reported PASSED.</param>
/// <param name="Weak">Tests reported WEAK.</param>
/// <param name="Failed">Tests reported FAILED.</param>
/// <param name="Megabytes">Keystream tested, in MiB.</param>
/// <param name="OutputFile">dieharder's full output (null when it did not run to the end).</param>
public sealed record DieharderResult(bool Installed, bool TimedOut, int Passed, int Weak, int Failed, int Megabytes, string? OutputFile)
{
    /// <summary>One line for reports.</summary>
    public string Summary => !Installed
        ? "dieharder is not installed (Debian: apt-get install dieharder); `basin crypto stream --key KEY --out ks.bin` exports keystream for it"
        : TimedOut ? "dieharder: stopped at the time limit"
        : $"dieharder -a on {Megabytes} MB of keystream: {Passed} passed, {Weak} weak, {Failed} failed ({Path.GetFileName(OutputFile)})";
}

/// <summary>
/// Runs Robert G. Brown's dieharder battery (<c>dieharder -a -g 201 -f FILE</c>: all tests, raw binary file input) on
/// Basin keystream when dieharder is on the PATH, and counts its PASSED/WEAK/FAILED assessments.
/// </summary>
public static class Dieharder
{
    /// <summary>The dieharder executable on the PATH, or null.</summary>
    public static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0).Select(d => Path.Combine(d, "dieharder")).FirstOrDefault(File.Exists);

    /// <summary>Writes the keystream of <paramref name="key"/> and runs the battery on it (nothing is written when dieharder is missing).</summary>
    public static DieharderResult Run(CipherKey key, DieharderOptions o)
    {
        if (Find() is not { } exe) return new DieharderResult(false, false, 0, 0, 0, o.Megabytes, null);
        System.IO.Directory.CreateDirectory(o.Directory);
        string file = Path.Combine(o.Directory, "keystream.bin");
        Keystream.WriteFile(key, file, (long)o.Megabytes << 20);
        var psi = new ProcessStartInfo(exe, ["-a", "-g", "201", "-f", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var proc = Process.Start(psi)!;
        var outTask = proc.StandardOutput.ReadToEndAsync();
        _ = proc.StandardError.ReadToEndAsync();
        if (!proc.WaitForExit(TimeSpan.FromMinutes(o.TimeoutMinutes))) { proc.Kill(true); return new DieharderResult(true, true, 0, 0, 0, o.Megabytes, null); }
        var text = outTask.Result;
        string report = Path.Combine(o.Directory, "dieharder.txt");
        File.WriteAllText(report, text);
        return Count(text, o.Megabytes, report);
    }

    /// <summary>Counts the assessment lines of dieharder's output <paramref name="text"/>.</summary>
    public static DieharderResult Count(string text, int megabytes, string? outputFile)
    {
        int C(string w) => text.Split('\n').Count(l => l.Contains(w, StringComparison.Ordinal));
        return new DieharderResult(true, false, C("PASSED"), C("WEAK"), C("FAILED"), megabytes, outputFile);
    }
}
