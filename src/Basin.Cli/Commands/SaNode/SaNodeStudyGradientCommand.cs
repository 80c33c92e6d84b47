using System.CommandLine;
using System.Globalization;
using Basin.Data;
using Basin.Stability.Classifiers;
using Basin.SaNode.Studies;
using Basin.Studies.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode study gradient</c>: does the training loss follow its gradient at a long horizon, and does a step taken
/// on one batch help the others, with exact and with adjoint-clipped gradients (<see cref="GradientStudy"/>).
/// </summary>
public static class SaNodeStudyGradientCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Training images: mnist, fashion or letters.", "mnist");
        var steps = new Option<string>("--steps") { Description = "Training horizons in Euler steps of Δt = 0.1, comma-separated.", DefaultValueFactory = _ => "55,200" };
        var clips = new Option<string>("--adjoint-clip") { Description = "Adjoint caps κ to compare with exact gradients, comma-separated.", DefaultValueFactory = _ => "1" };
        var batch = new Option<int>("--batch") { Description = "Images per batch.", DefaultValueFactory = _ => 250 };
        var heldOut = new Option<int>("--held-out") { Description = "Held-out batches on which a step's effect is measured.", DefaultValueFactory = _ => 2 };
        var output = CommonOptions.Out("Output directory.", "basin-study");
        var json = CommonOptions.Json();
        var cmd = new Command("gradient", "Long-horizon gradients: linearity of the loss along ∇L, and whether a step on one batch helps others (exact vs adjoint-clipped). float64.")
            { model, dataset, steps, clips, batch, heldOut, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = ModelFiles.Resolve(p.GetValue(model)!);
            var m = ModelFiles.LoadSaNode<double>(path);
            var name = p.GetValue(dataset)!;
            var data = DataCommand.Load(name, DataSplit.Train);
            var s = ParseList(p.GetValue(steps)!, "--steps").Select(v => v >= 1 && v == Math.Floor(v) && v <= 100_000 ? (int)v
                : throw new ArgumentException($"--steps: {v} is not a whole number of steps ≥ 1.")).ToArray();
            var k = ParseList(p.GetValue(clips)!, "--adjoint-clip");
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = GradientStudy.Run(m, data, s, k, p.GetValue(batch), p.GetValue(heldOut), progress: new SyncProgress<string>(line => Terminal.Note("  " + line)), cancel: ct);
            GradientFigures.Write(dir, r, $"{name} train, {Path.GetFileName(path)}", path, name, sw.Elapsed.TotalSeconds);
            if (p.GetValue(json)) { JsonPrinter.Print(Basin.Tensors.IO.JsonOutput.Read(Path.Combine(dir, "summary.json"))); return 0; }
            var t = new Table().AddColumns("T", "κ", "|∇L|", "linearity at ε = " + string.Join(", ", r.Linearity[0].Radii.Select(e => e.ToString("G1", CultureInfo.InvariantCulture))),
                "sign step η = " + string.Join(", ", r.Transfer[0].Rates.Select(e => e.ToString("G1", CultureInfo.InvariantCulture))) + ": ΔL on A | held out");
            foreach (var tr in r.Transfer)
            {
                var lin = r.Linearity.First(l => l.Steps == tr.Steps);
                t.AddRow($"{tr.Steps * 0.1:G4}", tr.AdjointClip == 0 ? "exact" : $"{tr.AdjointClip:G3}", tr.AdjointClip == 0 ? $"{lin.GradientNorm:E2}" : "",
                    tr.AdjointClip == 0 ? string.Join("  ", lin.Linearity.Select(v => v.ToString("F3", CultureInfo.InvariantCulture))) : "",
                    string.Join(" ", tr.ChangeOnA.Select(v => v.ToString("P1", CultureInfo.InvariantCulture))) + " | " +
                    string.Join(" ", tr.ChangeElsewhere.Select(v => v.ToString("P1", CultureInfo.InvariantCulture))));
            }
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine(string.Format(CultureInfo.InvariantCulture, "Batches of {0}, {1} held out, float64, {2:F0} s. Plot, CSV and summary.json in {3}",
                r.BatchSize, r.HeldOutBatches, sw.Elapsed.TotalSeconds, Markup.Escape(dir)));
            return 0;
        });
        return cmd;
    }

    private static double[] ParseList(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException($"{option}: give at least one value.");
        return parts.Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v : throw new ArgumentException($"{option}: '{x}' is not a non-negative number.")).ToArray();
    }
}
