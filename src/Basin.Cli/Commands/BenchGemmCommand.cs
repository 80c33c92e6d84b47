using System.CommandLine;
using System.Text.Json.Nodes;
using Basin.Studies.Benchmarks;
using Spectre.Console;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin bench gemm</c>: GFLOP/s of the managed GEMM and, when present, OpenBLAS, measured interleaved in the
/// same process, with their ratio and the share of the measured FMA peak (<see cref="GemmComparison"/>).
/// </summary>
public static class BenchGemmCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var m = new Option<int>("--m") { Description = "Rows of C.", DefaultValueFactory = _ => 784 };
        var n = new Option<int>("--n") { Description = "Columns of C.", DefaultValueFactory = _ => 784 };
        var k = new Option<int>("--k") { Description = "Inner dimension.", DefaultValueFactory = _ => 256 };
        var threads = new Option<int>("--threads") { Description = "Threads per provider (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seconds = new Option<double>("--seconds") { Description = "Minimum timed seconds per measurement.", DefaultValueFactory = _ => 1.0 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds (best of).", DefaultValueFactory = _ => 3 };
        var dtype = new Option<string>("--dtype") { Description = "f32, f64 or both.", DefaultValueFactory = _ => "both" };
        dtype.AcceptOnlyFromAmong("f32", "f64", "both");
        var json = CommonOptions.Json();
        var cmd = new Command("gemm", "GFLOP/s of the managed GEMM next to OpenBLAS (when libopenblas0 is installed), same run.")
            { m, n, k, threads, seconds, rounds, dtype, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = new GemmComparisonOptions(p.GetValue(m), p.GetValue(n), p.GetValue(k), p.GetValue(threads), p.GetValue(seconds), p.GetValue(rounds), p.GetValue(dtype)!);
            JsonObject doc = null!;
            if (p.GetValue(json)) { JsonPrinter.Print(GemmComparison.Run(o)); return 0; }
            Terminal.Error.Status().Start("benchmarking", ctx => doc = GemmComparison.Run(o, s => ctx.Status(Markup.Escape(s))));
            var table = new Table().AddColumns("provider", "dtype", "m×n×k", "threads", "GFLOP/s (best)", "median", "share of FMA peak");
            foreach (var r in doc["results"]!.AsArray())
            {
                var e = r!.AsObject();
                table.AddRow(e["provider"]!.ToString(), e["dtype"]!.ToString(), $"{o.M}×{o.N}×{o.K}", e["threads"]!.ToString(),
                    $"{(double)e["gflops"]!:F1}", $"{(double)e["median_gflops"]!:F1}", $"{(double)e["share_of_peak"]! * 100:F1} %");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Measured FMA peak on {doc["threads"]} thread(s): [bold]{(double)doc["fma_peak_gflops_f32"]!:F0}[/] GFLOP/s f32, {(double)doc["fma_peak_gflops_f64"]!:F0} f64.");
            foreach (var (key, val) in doc["ratios"]!.AsObject()) AnsiConsole.MarkupLine($"{key}: [bold]{val}×[/]");
            if (doc["note"] is { } note) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(note.ToString())}[/]");
            return 0;
        });
        return cmd;
    }
}
