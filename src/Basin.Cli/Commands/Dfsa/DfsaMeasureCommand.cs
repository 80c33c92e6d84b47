using System.CommandLine;
using System.Globalization;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Measurement;
using Basin.Dfsa.Terms;
using Basin.Stability.Classifiers;
using Spectre.Console;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin dfsa measure MODEL</c>: the whole catalogue on fresh samples, with avalanche, Lipschitz and distance correlation.</summary>
public static class DfsaMeasureCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model file written by basin dfsa train." };
        var batches = new Option<int>("--batches") { Description = "Independent batches (confidence intervals are over them).", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Samples per batch.", DefaultValueFactory = _ => 256 };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the fresh samples (default: fixed, independent of training)." };
        var input = new Option<string?>("--input") { Description = "Override p(x) (default: the one the model was trained on)." };
        var json = CommonOptions.Json();
        var cmd = new Command("measure", "Evaluate every metric term on fresh samples (float64), plus avalanche (bit inputs), Lipschitz and distance correlation.")
            { model, batches, batch, seed, input, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            string path = p.GetValue(model)!;
            var (net, meta) = ModelFiles.LoadDfsa<double>(path);
            var dist = InputDistribution.Parse(p.GetValue(input) ?? (meta.TryGetValue("input", out var i) ? i : "gaussian"));
            var options = new MeasureOptions { Batches = p.GetValue(batches), BatchSize = p.GetValue(batch) };
            if (p.GetValue(seed) is ulong s) options = options with { Seed = s };
            var report = DfsaMeasurer.Measure(net, dist, options);
            if (p.GetValue(json))
            {
                JsonPrinter.Print(MeasureReportJson.ToJson(path, net.Spec, meta, dist, report));
                return 0;
            }
            var table = new Table().AddColumns("metric", "mean", "95 % CI", "goal in presets");
            foreach (var t in TermCatalogue.All)
            {
                if (report.Metrics.TryGetValue(t.Name, out var e)) table.AddRow(t.Name, F(e.Mean), Ci(e.Lo, e.Hi), t.Goal.ToString().ToLowerInvariant());
                else table.AddRow(t.Name, "—", Markup.Escape(report.Skipped[t.Name]), "");
            }
            if (report.Avalanche is { } av) table.AddRow("[bold]avalanche[/]", F(av.Mean), Ci(av.Lo, av.Hi), "0.5");
            if (report.SacDeviation is { } sac) table.AddRow("[bold]sac_deviation[/]", F(sac.Mean), $"± {F(1.96 * sac.StdErr)} (noise)", "0");
            if (report.SacMaxDeviation is double sacMax)
                table.AddRow("[bold]sac_max_deviation[/]", F(sacMax), $"bound {F(report.SacBound!.Value)}: {(report.SacPassed == true ? "SAC passed" : "[red]SAC failed[/]")}", "0");
            table.AddRow("[bold]lipschitz (E sup)[/]", F(report.Lipschitz.Mean), Ci(report.Lipschitz.Lo, report.Lipschitz.Hi), $"max {F(report.LipschitzMax)}");
            table.AddRow("[bold]distance_correlation[/]", F(report.DistanceCorrelation.Mean), Ci(report.DistanceCorrelation.Lo, report.DistanceCorrelation.Hi), "");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{Markup.Escape(path)}: {net.Spec.Architecture} {net.InputDim}→{net.OutputDim}, preset {Markup.Escape(meta.GetValueOrDefault("preset", "?"))}, p(x) = {dist.Name}, {report.Samples} samples");
            return 0;
        });
        return cmd;
    }

    /// <summary>An interval as table markup: [lo, hi] with the brackets escaped.</summary>
    private static string Ci(double lo, double hi) => Markup.Escape($"[{F(lo)}, {F(hi)}]");

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
