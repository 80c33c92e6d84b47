using System.Diagnostics;
using System.Globalization;

namespace Basin.Crypto.Evaluation;

/// <summary>How to run dieharder.</summary>
/// <param name="Arguments">Test selection: <c>-a</c> (all tests) or e.g. <c>-d 0</c> for one test.</param>
/// <param name="TimeoutMinutes">The battery is stopped after this many minutes.</param>
/// <param name="ChunkBytes">Keystream generated and written to dieharder's standard input per write.</param>
public sealed record DieharderOptions(string Arguments = "-a", double TimeoutMinutes = 240, int ChunkBytes = 1 << 20);

/// <summary>One line of dieharder's table: test name, ntup, p-value and its assessment (PASSED, WEAK or FAILED).</summary>
public sealed record DieharderTest(string Name, int Ntup, double PValue, string Assessment);

/// <summary>The outcome of a dieharder run on one generator.</summary>
/// <param name="Generator">The block function's name (basin, aes).</param>
/// <param name="Installed">Whether dieharder was found on the PATH.</param>
/// <param name="TimedOut">Whether the battery was stopped at the time limit (the tests finished so far are kept).</param>
/// <param name="BytesFed">Keystream bytes dieharder read from its standard input.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Tests">Every assessment, in dieharder's order.</param>
public sealed record DieharderResult(string Generator, bool Installed, bool TimedOut, long BytesFed, double Seconds, IReadOnlyList<DieharderTest> Tests)
{
    /// <summary>Tests assessed PASSED.</summary>
    public int Passed => Tests.Count(t => t.Assessment == "PASSED");

    /// <summary>Tests assessed WEAK.</summary>
    public int Weak => Tests.Count(t => t.Assessment == "WEAK");

    /// <summary>Tests assessed FAILED.</summary>
    public int Failed => Tests.Count(t => t.Assessment == "FAILED");

    /// <summary>A result for when dieharder is not installed.</summary>
    public static DieharderResult Missing(string generator) => new(generator, false, false, 0, 0, []);

    /// <summary>One line for reports.</summary>
    public string Summary => !Installed
        ? "dieharder is not installed (Debian: apt-get install dieharder)"
        : $"dieharder on {Generator} ({BytesFed / 1e9:F1} GB from stdin, {Seconds / 60:F0} min{(TimedOut ? ", stopped at the time limit" : "")}): {Passed} passed, {Weak} weak, {Failed} failed";
}

/// <summary>
/// Robert G. Brown's dieharder battery on a block function's counter-mode keystream, fed through dieharder's standard input
/// (<c>dieharder -a -g 200</c>: raw stdin input), so that no test rewinds a file and every test sees fresh keystream.
/// The table is parsed as dieharder prints it, and each assessment is reported as it arrives.
/// </summary>
public static class Dieharder
{
    /// <summary>The dieharder executable on the PATH, or null.</summary>
    public static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0).Select(d => Path.Combine(d, "dieharder")).FirstOrDefault(File.Exists);

    /// <summary>Runs the battery on <paramref name="f"/>'s keystream; <paramref name="onTest"/> gets each assessment.</summary>
    public static DieharderResult Run(IBlockFunction f, DieharderOptions o, Action<DieharderTest>? onTest = null, CancellationToken cancel = default)
    {
        if (Find() is not { } exe) return DieharderResult.Missing(f.Name);
        var psi = new ProcessStartInfo(exe) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in o.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-g"); psi.ArgumentList.Add("200");
        var sw = Stopwatch.StartNew();
        using var proc = Process.Start(psi)!;
        long fed = 0;
        var feeder = Task.Run(() =>
        {
            var buf = new byte[o.ChunkBytes];
            ulong counter = 0;
            var stdin = proc.StandardInput.BaseStream;
            try
            {
                while (!proc.HasExited && !cancel.IsCancellationRequested)
                {
                    f.Keystream(buf, counter);
                    counter += (ulong)(buf.Length / 16);
                    stdin.Write(buf);
                    Interlocked.Add(ref fed, buf.Length);
                }
            }
            catch (IOException) { }            // dieharder closed its input: the battery is done
            catch (ObjectDisposedException) { }
        });
        _ = proc.StandardError.ReadToEndAsync();
        var tests = new List<DieharderTest>();
        var reader = Task.Run(() =>
        {
            while (proc.StandardOutput.ReadLine() is { } line)
                if (Parse(line) is { } t) { lock (tests) tests.Add(t); onTest?.Invoke(t); }
        });
        bool done = reader.Wait(TimeSpan.FromMinutes(o.TimeoutMinutes), CancellationToken.None);
        if (!done || cancel.IsCancellationRequested) { try { proc.Kill(true); } catch (InvalidOperationException) { } }
        proc.WaitForExit();
        feeder.Wait(TimeSpan.FromSeconds(10));
        lock (tests) return new DieharderResult(f.Name, true, !done, Interlocked.Read(ref fed), sw.Elapsed.TotalSeconds, tests.ToList());
    }

    /// <summary>One table line of dieharder's output (<c>name| ntup| tsamples| psamples| p-value| assessment</c>), or null.</summary>
    public static DieharderTest? Parse(string line)
    {
        var parts = line.Split('|');
        if (parts.Length < 6) return null;
        var assessment = parts[5].Trim();
        if (assessment is not ("PASSED" or "WEAK" or "FAILED")) return null;
        if (!int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ntup)
            || !double.TryParse(parts[4].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p)) return null;
        return new DieharderTest(parts[0].Trim(), ntup, p, assessment);
    }
}

/// <summary>dieharder on Basin's keystream and on AES-128's (CTR, fresh random key) at the same time, for a side-by-side table.</summary>
public static class DieharderBattery
{
    /// <summary>Runs both (concurrently: dieharder is single-threaded); an empty list when dieharder is not installed.</summary>
    public static IReadOnlyList<DieharderResult> Run(Keys.CipherKey key, Action<string>? progress = null, DieharderOptions? options = null)
    {
        options ??= new DieharderOptions();
        if (Dieharder.Find() is null)
        {
            progress?.Invoke(DieharderResult.Missing("basin").Summary + "; skipped");
            return [DieharderResult.Missing("basin"), DieharderResult.Missing("aes")];
        }
        IBlockFunction[] generators = [new BasinBlockFunction(key, new byte[16]), new AesBlockFunction(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))];
        var runs = generators.Select(g => Task.Run(() => Dieharder.Run(g, options, t => progress?.Invoke($"dieharder {g.Name}: {t.Name} (ntup {t.Ntup}) p = {t.PValue:F6} {t.Assessment}")))).ToArray();
        return runs.Select(t => t.Result).ToList();
    }
}
