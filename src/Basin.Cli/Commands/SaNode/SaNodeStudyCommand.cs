using System.CommandLine;
using System.Globalization;
using Basin.Data;
using Basin.SaNode.Studies;
using Basin.Studies.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode study letters|rk4|cases|horizon|gradient</c>: the paper's studies as commands that write plots (SVG,
/// PNG), CSV and summary.json. The studies and their figures live in Basin.SaNode.Studies and Basin.Studies.SaNode.
/// </summary>
public static class SaNodeStudyCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var output = CommonOptions.Out("Output directory.", "basin-study");
        var quick = new Option<bool>("--quick") { Description = "A small grid (seconds), for smoke tests." };
        var json = CommonOptions.Json();
        var seeds = new Option<int?>("--seeds") { Description = "Models per ε_train, averaged (default 3; 1 with --quick)." };
        var letters = new Command("letters", "Letters A–E (paper §IV): m_f vs ε_test per ε_train (Fig. 3), MSE(t) and the bimodal MSE histogram (Fig. 4), " +
            "eigen-coefficient perturbations (Fig. 5–6), input/output/target (Fig. 7), λ before/after training and the stability of every model.")
            { output, quick, seeds, json };
        CommandAction.Set(letters, (p, ct) => Letters(p.GetValue(output)!, p.GetValue(quick), p.GetValue(seeds), p.GetValue(json), ct));
        var model = new Option<string?>("--model", "-m") { Description = "Model file or pretrained:NAME (default: a letters model trained on the spot)." };
        var dataset = CommonOptions.Dataset("Test images for a --model: mnist, fashion or letters.", "letters");
        var horizon = new Option<double>("--horizon") { Description = "Integration time T (the paper's Fig. 8: 10).", DefaultValueFactory = _ => 5.0 };
        var count = new Option<int>("--count") { Description = "Test images.", DefaultValueFactory = _ => 100 };
        var rk4 = new Command("rk4", "Appendix A / Fig. 8: error of RK4 and Euler against a fine RK4 reference vs Δt (log–log, fitted orders), MSE to the targets and accuracy vs Δt.")
            { output, model, dataset, horizon, count, json };
        CommandAction.Set(rk4, (p, ct) => Convergence(p.GetValue(output)!, new ConvergenceStudyOptions(p.GetValue(model), p.GetValue(dataset)!, p.GetValue(horizon), p.GetValue(count)), p.GetValue(json), ct));
        return new Command("study", "Reproduce the SA-nODE paper's studies (plots + CSV + summary.json).") { letters, rk4, SaNodeStudyCasesCommand.Create(), SaNodeStudyHorizonCommand.Create(), SaNodeStudyGradientCommand.Create(), SaNodeStudyAdjointsCommand.Create() };
    }

    private static int Letters(string dir, bool quick, int? seeds, bool json, CancellationToken ct)
    {
        var o = quick ? LettersStudyOptions.Quick : LettersStudyOptions.Paper;
        if (seeds is int s) o = o with { Seeds = s };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = LettersStudy.Run(o, new SyncProgress<string>(line => Terminal.Note("  " + line)), ct);
        var doc = LettersStudyFigures.Write(dir, r, quick);
        if (json) { JsonPrinter.Print(doc); return 0; }
        var overlap = r.Overlap;
        var t = new Table().AddColumns(new[] { "ε_train \\ ε_test" }.Concat(o.TestNoises.Where((_, j) => j % 2 == 0).Select(e => $"{e:G2}")).Append("f").ToArray());
        for (int i = 0; i < o.TrainNoises.Length; i++)
            t.AddRow(new[] { $"{o.TrainNoises[i]:G2}" }.Concat(overlap[i].Where((_, j) => j % 2 == 0).Select(v => $"{v:F2}")).Append($"{r.Fraction[i]:F2}").ToArray());
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"m_f per ε_train (rows) and ε_test (every other column), f of Fig. 6; {o.Seeds} model(s) per ε_train, " +
            $"all stable: {doc["models"]!.AsArray().All(m => (bool)m!["all_attractors_stable"]!)}; {sw.Elapsed.TotalSeconds:F0} s. Figures, CSV and summary.json in {Markup.Escape(dir)}");
        return 0;
    }

    private static int Convergence(string dir, ConvergenceStudyOptions o, bool json, CancellationToken ct)
    {
        var report = ConvergenceStudyRun.Run(o, dir, new DataOptions { Progress = new Progress<string>(Terminal.Note) }, ct);
        var summary = ConvergenceStudyRun.Write(dir, report);
        if (json) { JsonPrinter.Print(summary); return 0; }
        var r = report.Result;
        var t = new Table().AddColumns("Δt", "RK4 error", "Euler error", "RK4 MSE(T)", "Euler MSE(T)", "RK4 H", "Euler H");
        for (int i = 0; i < r.Dts.Length; i++)
            t.AddRow($"{r.Dts[i]:G3}", $"{r.Rk4Errors[i]:E2}", $"{r.EulerErrors[i]:E2}", $"{r.Rk4TargetMse[i]:E2}", $"{r.EulerTargetMse[i]:E2}",
                $"{r.Rk4Accuracy[i]:P1}", $"{r.EulerAccuracy[i]:P1}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine(string.Format(CultureInfo.InvariantCulture, "Fitted orders: RK4 [bold]{0:F2}[/], Euler [bold]{1:F2}[/] ({2} images, float64, {3:F0} s). Plot, CSV and summary.json in {4}",
            r.Rk4Slope, r.EulerSlope, report.Images, report.Seconds, Markup.Escape(dir)));
        return 0;
    }
}
