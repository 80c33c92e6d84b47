using System.CommandLine;
using Basin.Data;
using Basin.Stability.Classifiers;
using Basin.Studies.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode study cases</c>: the paper's Fig. 7 — one test image of each kind, A: perfect (sign overlap m⁽ʲ⁾ = 1),
/// B: correct with a few wrong pixels (0.95 ≤ m⁽ʲ⁾ &lt; 1), C: not classified (m⁽ʲ⁾ &lt; 0.95) — as input, output x(T) and target,
/// with every scored image's overlaps in a CSV (<see cref="CasesStudy"/>).
/// </summary>
public static class SaNodeStudyCasesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.", "mnist");
        var count = new Option<int>("--count") { Description = "Test images scored (the first ones).", DefaultValueFactory = _ => 500 };
        var steps = new Option<int>("--steps") { Description = "Euler steps (T = steps·Δt; the paper's Fig. 7: T = 120).", DefaultValueFactory = _ => 1200 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var output = CommonOptions.Out("Output directory.", "basin-study");
        var json = CommonOptions.Json();
        var cmd = new Command("cases", "Fig. 7: a perfectly classified image, one with 0.95 ≤ m < 1 and a failure, as input / output / target.")
            { model, dataset, count, steps, dt, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = ModelFiles.Resolve(p.GetValue(model)!);
            var m = ModelFiles.LoadSaNode<float>(path);
            var name = p.GetValue(dataset)!;
            var data = DataCommand.Load(name, DataSplit.Test);
            int c = p.GetValue(count);
            if (c < 1) throw new ArgumentException("--count must be ≥ 1.");
            data = data.Take(Math.Min(c, data.Count));
            var doc = CasesStudy.Run(m, data, name, path, p.GetValue(steps), p.GetValue(dt), p.GetValue(output)!, ct);
            if (p.GetValue(json)) { JsonPrinter.Print(doc); return 0; }
            int perfect = (int)doc["perfect"]!, partial = (int)doc["partial"]!, failed = (int)doc["failed"]!;
            double horizon = (double)doc["horizon"]!;
            var dir = p.GetValue(output)!;
            AnsiConsole.MarkupLine($"{data.Count} {Markup.Escape(name)} test images at T = {horizon:G4}: {perfect} perfect (A), {partial} with 0.95 ≤ m < 1 (B), " +
                $"{failed} below 0.95 (C); H = {(double)(perfect + partial) / data.Count:P2}. Pictures, CSV and JSON in {Markup.Escape(dir)}");
            return 0;
        });
        return cmd;
    }
}
