using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Plotting;
using Basin.Stability;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin study accurate-or-stable</c>: the table of Bastounis–Hansen–Vlačić's question for Basin's models — clean
/// accuracy, per-image worst-case robust accuracy over five attacks per L∞ budget, median minimal L2 distance (95 % CI),
/// local Lipschitz estimate — with the sanity checks, as JSON, CSV and a robust-accuracy plot.
/// </summary>
public static class StudyAccurateOrStableCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "Classifier files (repeat): SA-nODE, MLP, logreg, or pretrained:mnist.", Required = true, AllowMultipleArgumentsPerToken = true };
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.");
        var count = new Option<int>("--count") { Description = "First N test images.", DefaultValueFactory = _ => 1000 };
        var eps = new Option<string>("--eps") { Description = "Comma-separated L∞ budgets.", DefaultValueFactory = _ => "0.05,0.1,0.2,0.3" };
        var steps = new Option<int>("--steps") { Description = "SA-nODE: Euler steps of Δt = 0.1 for the scores.", DefaultValueFactory = _ => 55 };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-accurate-or-stable" };
        var cmd = new Command("accurate-or-stable", "Accuracy vs worst-case robust accuracy vs minimal distance vs Lipschitz, for several models, with sanity checks.")
            { models, dataset, count, eps, steps, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var epsilons = p.GetValue(eps)!.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var rows = new JsonArray();
            var csv = new CsvTable("model", "clean_accuracy", "eps", "worst_case_robust_accuracy", "fgsm", "pgd_margin", "pgd_ce", "square", "noise", "median_min_l2", "median_lipschitz", "masking_suspected");
            var plot = new LinePlot { Title = $"Worst-case robust accuracy vs L∞ budget ({data.Name}, {p.GetValue(count)} images)", XLabel = "ε (L∞)", YLabel = "robust accuracy" };
            foreach (var spec in p.GetValue(models)!)
            {
                var c = ClassifierLoader.Load(spec, p.GetValue(steps));
                Console.Error.WriteLine($"{c.Name}: attacking {p.GetValue(count)} images …");
                var r = RobustnessEvaluation.Run(c, data, p.GetValue(count), epsilons,
                    progress: new Commands.SaNode.SyncProgress<int>(i => { if (i % 50 == 0) Console.Error.WriteLine($"  {i}"); }), cancel: ct);
                plot.Add(c.Name, new[] { 0.0 }.Concat(epsilons).ToArray(), new[] { r.CleanAccuracy }.Concat(r.WorstCase).ToArray());
                for (int e = 0; e < epsilons.Length; e++)
                    csv.AddRow(c.Name, r.CleanAccuracy, epsilons[e], r.WorstCase[e], r.RobustAccuracy["fgsm"][e], r.RobustAccuracy["pgd-margin"][e],
                        r.RobustAccuracy["pgd-ce"][e], r.RobustAccuracy["square"][e], r.RobustAccuracy["noise"][e], r.MedianMinimalL2, r.MedianLipschitz, r.MaskingSuspected ? 1 : 0);
                rows.Add(JsonSerializer.SerializeToNode(r));
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(c.Name)}[/]: clean {r.CleanAccuracy:P1}; worst-case robust " +
                    string.Join(", ", epsilons.Select((e, i) => $"ε={e:G2}: {r.WorstCase[i]:P1}")) +
                    $"; median minimal L2 {r.MedianMinimalL2:F3} (95 % CI {r.MedianMinimalL2Low:F3}–{r.MedianMinimalL2High:F3}); median Lipschitz {r.MedianLipschitz:G3}");
                AnsiConsole.MarkupLine($"  sanity: success rises with ε {Tick(r.SuccessRisesWithEps)}; iterative ≥ single-step {Tick(r.IterativeBeatsSingleStep)}; " +
                    $"2× iterations changes robust accuracy by {r.DoubledIterationsChange:P1}; gradient-free-only successes {r.GradientFreeOnlyWins}" +
                    (r.MaskingSuspected ? " — [yellow]gradient masking suspected[/]" : ""));
            }
            plot.Save(Path.Combine(dir, "robust-accuracy"), 900, 540);
            csv.Save(Path.Combine(dir, "accurate-or-stable.csv"));
            AtomicFile.WriteAllText(Path.Combine(dir, "accurate-or-stable.json"), new JsonObject { ["count"] = p.GetValue(count), ["models"] = rows }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            AnsiConsole.MarkupLine($"table, JSON and plot in {Markup.Escape(dir)}");
            return 0;
        });
        return new Command("study", "Studies of the stability pillar.") { cmd, Synthetic() };
    }

    private static Command Synthetic()
    {
        var dim = new Option<int>("--dim") { Description = "Input dimension.", DefaultValueFactory = _ => 20 };
        var eps = new Option<double>("--eps") { Description = "Half-width ε of the empty band between the classes.", DefaultValueFactory = _ => 0.1 };
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated training-set sizes.", DefaultValueFactory = _ => "50,100,200,400,800,1600" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the fixed-size ReLU MLP.", DefaultValueFactory = _ => 32 };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-synthetic" };
        var cmd = new Command("synthetic", "Two classes with a 2ε margin by construction: share of test points a fixed-size ReLU MLP (trained to ~100 %) lets flip within ε, vs 1-NN, as the training set grows.")
            { dim, eps, sizes, hidden, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var n = p.GetValue(sizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var rows = SyntheticStudy.Run(p.GetValue(dim), p.GetValue(eps), n, hidden: p.GetValue(hidden),
                progress: new Progress<string>(s => Console.Error.WriteLine("  " + s)), cancel: ct);
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var plot = new LinePlot { Title = $"Share of correctly classified test points flippable within ε = {p.GetValue(eps)}", XLabel = "training-set size", YLabel = "unstable share", LogX = true };
            plot.Add($"ReLU MLP {p.GetValue(dim)}-{p.GetValue(hidden)}-2 (fixed size)", n.Select(v => (double)v).ToArray(), rows.Select(r => r.MlpUnstableShare).ToArray()).Marker = MarkerShape.Circle;
            plot.Add("1-nearest neighbour (upper bound)", n.Select(v => (double)v).ToArray(), rows.Select(r => r.NearestUnstableShare).ToArray()).Marker = MarkerShape.Square;
            plot.Save(Path.Combine(dir, "synthetic"), 900, 540);
            var csv = new CsvTable("train_size", "mlp_train_acc", "mlp_test_acc", "mlp_unstable_share", "nn_test_acc", "nn_unstable_share_upper_bound");
            foreach (var r in rows) csv.AddRow(r.TrainSize, r.MlpTrainAccuracy, r.MlpTestAccuracy, r.MlpUnstableShare, r.NearestTestAccuracy, r.NearestUnstableShare);
            csv.Save(Path.Combine(dir, "synthetic.csv"));
            var t = new Table().AddColumns("train size", "MLP train acc", "MLP test acc", "MLP unstable share", "1-NN test acc", "1-NN unstable ≤");
            foreach (var r in rows) t.AddRow($"{r.TrainSize}", $"{r.MlpTrainAccuracy:P1}", $"{r.MlpTestAccuracy:P1}", $"{r.MlpUnstableShare:P1}", $"{r.NearestTestAccuracy:P1}", $"{r.NearestUnstableShare:P1}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"plot and CSV in {Markup.Escape(dir)}");
            return 0;
        });
        return cmd;
    }

    private static string Tick(bool ok) => ok ? "[green]yes[/]" : "[red]NO[/]";
}
