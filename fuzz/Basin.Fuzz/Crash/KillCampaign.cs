using System.Diagnostics;
using System.Security.Cryptography;

namespace Basin.Fuzz.Crash;

/// <summary>Options of a kill -9 campaign.</summary>
/// <param name="Kills">SIGKILLs per command.</param>
/// <param name="Seed">Seed of the kill moments.</param>
/// <param name="WorkDirectory">Where each command's inputs and outputs live (a fresh subfolder per command).</param>
/// <param name="Basin">Path of basin.dll (run with <c>dotnet</c>); default: the one beside this assembly.</param>
public sealed record KillCampaignOptions(int Kills = 50, int Seed = 1, string? WorkDirectory = null, string? Basin = null);

/// <summary>The result for one command.</summary>
/// <param name="Command">The command.</param>
/// <param name="Kills">SIGKILLs sent.</param>
/// <param name="FinishedFirst">Runs that had already exited when the kill came (their outputs are checked all the same).</param>
/// <param name="OutputsPresent">Output files present (and valid) right after the kills, summed.</param>
/// <param name="Corrupt">Outputs that existed but were not complete and valid (must be 0), with the first failure in <paramref name="FirstCorruption"/>.</param>
/// <param name="Resumes">Resumed runs after a kill (training only).</param>
/// <param name="IdenticalTensors">Resumed runs whose final tensors are bit-identical to the uninterrupted run.</param>
/// <param name="IdenticalBytes">Resumed runs whose final file is byte-identical to it.</param>
/// <param name="ResumeNote">What differs when the bytes do.</param>
/// <param name="InputsModified">Whether any input file changed.</param>
/// <param name="LeftoverTemporaries">Temporary files killed runs left behind.</param>
/// <param name="FinalRunSucceeded">Whether an uninterrupted run after the campaign, among the leftovers, succeeded with valid outputs.</param>
/// <param name="ReferenceSeconds">Wall time of the uninterrupted reference run.</param>
public sealed record KillCampaignResult(string Command, int Kills, int FinishedFirst, int OutputsPresent, int Corrupt, string? FirstCorruption,
    int Resumes, int IdenticalTensors, int IdenticalBytes, string ResumeNote, bool InputsModified, int LeftoverTemporaries, bool FinalRunSucceeded,
    double ReferenceSeconds);

/// <summary>
/// Crash-consistency campaign (issue 28 §2): per command, an uninterrupted reference run, then <see cref="KillCampaignOptions.Kills"/>
/// runs killed with SIGKILL at a uniformly random moment in [0, 1.2 T_ref]; after each kill every output is validated, and
/// a training command is resumed to completion and compared with the reference.
/// </summary>
public static class KillCampaign
{
    /// <summary>The commands of the campaign.</summary>
    public static IReadOnlyList<CrashScenario> Scenarios { get; } =
    [
        new SaNodeTrainScenario(), new DfsaTrainScenario(), new CryptoScenario(encrypt: true), new CryptoScenario(encrypt: false),
        new ObfuscateScenario(apply: true), new ObfuscateScenario(apply: false), new DataFetchScenario(),
    ];

    /// <summary>Runs the campaign for one command.</summary>
    public static KillCampaignResult Run(CrashScenario s, KillCampaignOptions o, Action<string>? log = null)
    {
        string basin = o.Basin ?? Path.Combine(AppContext.BaseDirectory, "basin.dll");
        if (!File.Exists(basin)) throw new FileNotFoundException($"basin.dll not found at {basin}");
        string root = Path.Combine(o.WorkDirectory ?? Path.GetTempPath(), "kill9-" + s.Name.Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..8]);
        string work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        string reference = Directory.CreateDirectory(Path.Combine(root, "reference")).FullName;
        s.Prepare(work);
        s.Prepare(reference);
        foreach (var f in s.Inputs(work)) File.Copy(f, Path.Combine(reference, Path.GetFileName(f)), true); // same inputs in both
        var hashes = s.Inputs(work).ToDictionary(f => f, Hash);

        var sw = Stopwatch.StartNew();
        int rc = Start(basin, s.Arguments(reference), s.Environment(reference), out var refProc);
        refProc.WaitForExit();
        double tRef = sw.Elapsed.TotalSeconds;
        if (refProc.ExitCode != 0) throw new InvalidOperationException($"{s.Name}: the uninterrupted run failed (exit {refProc.ExitCode}).");
        s.ValidateOutputs(reference);
        _ = rc;

        var rng = new Random(o.Seed);
        int finished = 0, present = 0, corrupt = 0, resumes = 0, sameTensors = 0, sameBytes = 0;
        string? firstCorruption = null;
        var notes = new HashSet<string>();
        for (int k = 0; k < o.Kills; k++)
        {
            s.Reset(work);
            Start(basin, s.Arguments(work), s.Environment(work), out var p);
            double at = rng.NextDouble() * 1.2 * tRef;
            if (p.WaitForExit(TimeSpan.FromSeconds(at))) finished++;
            else { p.Kill(entireProcessTree: true); p.WaitForExit(); }
            try { present += s.ValidateOutputs(work); }
            catch (Exception e) { corrupt++; firstCorruption ??= $"kill {k} at {at:F2} s: {e.GetType().Name}: {e.Message}"; }
            if (s.ResumeArguments(work) is { } resume)
            {
                Start(basin, resume, s.Environment(work), out var r);
                r.WaitForExit();
                resumes++;
                if (r.ExitCode == 0)
                {
                    var (t, b, note) = s.CompareWithReference(work, reference);
                    if (t) sameTensors++;
                    if (b) sameBytes++;
                    if (note.Length > 0) notes.Add(note);
                }
                else notes.Add($"a resume exited with {r.ExitCode}");
            }
            log?.Invoke($"{s.Name}: kill {k + 1}/{o.Kills} at {at:F2} s, corrupt so far {corrupt}");
        }

        bool modified = hashes.Any(h => Hash(h.Key) != h.Value);
        int leftovers = Directory.EnumerateFiles(work, "*.tmp", SearchOption.AllDirectories).Count()
                        + (Directory.Exists(Path.Combine(work, "cache", ".staging")) ? Directory.EnumerateFileSystemEntries(Path.Combine(work, "cache", ".staging")).Count() : 0);
        s.Reset(work);
        Start(basin, s.Arguments(work), s.Environment(work), out var last);
        last.WaitForExit();
        bool finalOk = last.ExitCode == 0;
        try { finalOk &= s.ValidateOutputs(work) > 0; } catch (Exception) { finalOk = false; }
        Directory.Delete(root, true);
        return new KillCampaignResult(s.Name, o.Kills, finished, present, corrupt, firstCorruption, resumes, sameTensors, sameBytes,
            string.Join("; ", notes), modified, leftovers, finalOk, tRef);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static int Start(string basin, string[] args, IReadOnlyDictionary<string, string> env, out Process p)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(basin);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return 0;
    }
}
