using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Studies.Benchmarks;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin bench sanode</c>: wall time of one SA-nODE training step next to PyTorch in the same run; the protocol is
/// <see cref="SaNodeBenchmark"/>, the summary lines <see cref="SaNodeBenchmarkReport"/>. This command adds the child
/// process that times Basin on the OpenBLAS GEMM provider (this same executable with <c>BASIN_BLAS=openblas</c>).
/// </summary>
public static class BenchSaNodeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var d = new SaNodeBenchmarkOptions();
        var n = new Option<int>("--n") { Description = "Nodes N.", DefaultValueFactory = _ => d.N };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => d.Batch };
        var steps = new Option<int>("--steps") { Description = "Euler steps.", DefaultValueFactory = _ => d.Steps };
        var repeats = new Option<int>("--repeats") { Description = "Timed steps per round (median reported).", DefaultValueFactory = _ => d.Repeats };
        var torch = new Option<bool>("--torch") { Description = "Also time the PyTorch version (skipped when python3-torch is absent).", DefaultValueFactory = _ => d.Torch };
        var python = new Option<string>("--python") { Description = "Interpreter with torch.", DefaultValueFactory = _ => d.Python };
        var openblas = new Option<bool>("--openblas") { Description = "Also time Basin's step with the optional OpenBLAS GEMM provider (when installed): the same GEMM library as PyTorch, so the difference is everything around the GEMMs.", DefaultValueFactory = _ => d.OpenBlas };
        var rounds = new Option<int>("--rounds") { Description = "Alternating Basin/PyTorch rounds (the speed-up is the median of per-round ratios).", DefaultValueFactory = _ => d.Rounds };
        var json = CommonOptions.Json();
        var cmd = new Command("sanode", "Time one SA-nODE training step (float32) and compare with PyTorch in the same run.") { n, batch, steps, repeats, rounds, torch, openblas, python, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var o = new SaNodeBenchmarkOptions(p.GetValue(n), p.GetValue(batch), p.GetValue(steps), p.GetValue(repeats), p.GetValue(rounds),
                p.GetValue(torch), p.GetValue(openblas), p.GetValue(python)!).Validate();
            var doc = SaNodeBenchmark.Run(o, RunSelfOnOpenBlas);
            if (p.GetValue(json)) { JsonPrinter.Print(doc); return 0; }
            foreach (var line in SaNodeBenchmarkReport.Lines(doc)) Console.WriteLine(line);
            return 0;
        });
        return cmd;
    }

    /// <summary>Runs this same command in a child process with <c>BASIN_BLAS=openblas</c> and returns its JSON (or a "skipped" object).</summary>
    private static JsonObject? RunSelfOnOpenBlas(SaNodeBenchmarkOptions o, string? core)
    {
        string? exe = Environment.ProcessPath;
        var args = new List<string>();
        if (exe is null) return new JsonObject { ["skipped"] = "the path of this executable is unknown" };
        string name = Path.GetFileNameWithoutExtension(exe);
        if (name == "dotnet")
        {
            // Started as `dotnet basin.dll …` (or `dotnet run`): run the entry assembly the same way.
            string? dll = typeof(BenchSaNodeCommand).Assembly.Location;
            if (string.IsNullOrEmpty(dll)) return new JsonObject { ["skipped"] = "the entry assembly's path is unknown" };
            args.Add(dll);
        }
        else if (name != "basin") return new JsonObject { ["skipped"] = $"not started as the basin command ({name})" };
        args.AddRange(["bench", "sanode", "--json", "--torch", "false", "--openblas", "false", "--rounds", "1",
            "--n", $"{o.N}", "--batch", $"{o.Batch}", "--steps", $"{o.Steps}", "--repeats", $"{o.Repeats}"]);
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment[Basin.Tensors.Blas.Blas.EnvironmentVariable] = "openblas";
        // The same OpenBLAS kernels as PyTorch's best configuration, so the two differ only in what is around the GEMMs.
        if (core != null) psi.Environment["OPENBLAS_CORETYPE"] = core;
        using var proc = Process.Start(psi)!;
        var stdout = proc.StandardOutput.ReadToEnd();
        var stderr = proc.StandardError.ReadToEnd();
        proc.WaitForExit();
        if (proc.ExitCode != 0) return new JsonObject { ["skipped"] = $"child run failed (exit {proc.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}" };
        try { return JsonNode.Parse(stdout)?.AsObject(); }
        catch (JsonException e) { return new JsonObject { ["skipped"] = $"child run printed no JSON: {e.Message}" }; }
    }
}
