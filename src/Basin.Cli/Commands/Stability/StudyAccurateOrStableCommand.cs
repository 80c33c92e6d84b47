using System.CommandLine;
using Basin.Data;
using Basin.Stability;
using Basin.Studies.Sharding;
using Basin.Studies.Stability;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin study accurate-or-stable</c>: parses <see cref="AccurateOrStableOptions"/>, runs <see cref="AccurateOrStableStudy"/>
/// (the whole study, or with <c>--shard K/N</c> one part for <c>basin merge</c>), prints the per-model summary and
/// writes <see cref="AccurateOrStableReport"/>. <c>basin study synthetic</c>: <see cref="StudySyntheticCommand"/>.
/// </summary>
public static class StudyAccurateOrStableCommand
{
    /// <summary>Creates the <c>study</c> command group.</summary>
    public static Command Create()
    {
        var d = new AccurateOrStableOptions();
        var models = new Option<string[]>("--model", "-m") { Description = "Classifier files (repeat): SA-nODE, MLP, logreg, or pretrained:mnist.", Required = true, AllowMultipleArgumentsPerToken = true };
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.");
        var count = new Option<int>("--count") { Description = "First N test images.", DefaultValueFactory = _ => d.Count };
        var linfEps = CommonOptions.DoubleList("--linf-eps", "Comma-separated L∞ budgets.", d.LInfEpsilons);
        linfEps.Aliases.Add("--eps");
        var l2Eps = CommonOptions.DoubleList("--l2-eps", "Comma-separated L2 budgets.", d.L2Epsilons);
        var iterations = new Option<int>("--iterations") { Description = "PGD iterations.", DefaultValueFactory = _ => d.Iterations };
        var restarts = new Option<int>("--restarts") { Description = "PGD random restarts.", DefaultValueFactory = _ => d.Restarts };
        var squareQueries = new Option<int>("--square-queries") { Description = "Square attack queries per image and budget.", DefaultValueFactory = _ => d.SquareQueries };
        var hsjIterations = new Option<int>("--hsj-iterations") { Description = "HopSkipJump rounds.", DefaultValueFactory = _ => d.HsjIterations };
        var blackBox = new Option<int>("--black-box-count") { Description = "Run Square and HopSkipJump on the first N images (default: all).", DefaultValueFactory = _ => d.BlackBoxCount };
        var check = new Option<int>("--check-count") { Description = "Run the doubled-iterations/restarts check on the first N images.", DefaultValueFactory = _ => d.CheckCount };
        var lip = new Option<int>("--lipschitz-count") { Description = "Local Lipschitz estimates on the correct ones among the first N images.", DefaultValueFactory = _ => d.LipschitzCount };
        var surrogate = new Option<string?>("--surrogate") { Description = "Source model of the transfer attack (default: the first ReLU MLP among --model; none for the MLP itself)." };
        var batch = new Option<int>("--batch") { Description = "Images attacked together (a shard is a range of these batches).", DefaultValueFactory = _ => d.BatchSize };
        var steps = CommonStability.Steps();
        var precision = CommonStability.Precision();
        var seed = CommonOptions.Seed();
        var shard = CommonOptions.Shard();
        var json = CommonOptions.Json();
        var output = CommonOptions.Out("Output directory (with --shard: the partial-result JSON file).", "basin-accurate-or-stable");
        var cmd = new Command("accurate-or-stable", "Accuracy vs worst-case robust accuracy vs minimal distance vs Lipschitz, for several models, with sanity checks.")
            { models, dataset, count, linfEps, l2Eps, iterations, restarts, squareQueries, hsjIterations, blackBox, check, lip, surrogate, batch, steps, precision, seed, shard, json, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = new AccurateOrStableOptions
            {
                Models = p.GetValue(models)!, Dataset = p.GetValue(dataset)!, Count = p.GetValue(count), LInfEpsilons = p.GetValue(linfEps)!, L2Epsilons = p.GetValue(l2Eps)!,
                Iterations = p.GetValue(iterations), Restarts = p.GetValue(restarts), SquareQueries = p.GetValue(squareQueries), HsjIterations = p.GetValue(hsjIterations),
                BlackBoxCount = p.GetValue(blackBox), CheckCount = p.GetValue(check), LipschitzCount = p.GetValue(lip), Surrogate = p.GetValue(surrogate),
                BatchSize = p.GetValue(batch), Steps = p.GetValue(steps), SinglePrecision = p.GetValue(precision) == "f32", Seed = p.GetValue(seed),
            };
            o.Robustness(null);
            var data = DataCommand.Load(o.Dataset, DataSplit.Test);
            var part = CommonOptions.ShardValue(p, shard);
            int n = Math.Min(o.Count, data.Count) * o.Models.Length;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var done = new Dictionary<string, int>();
            var result = ProgressRunner.Run($"accurate-or-stable{(part.IsWhole ? "" : $" shard {part}")} on {o.Models.Length} models", n, pr =>
                AccurateOrStableStudy.RunShard(o, data, part, new SyncProgress<(string Model, int Images)>(m => { done[m.Model] = m.Images; pr.Report(done.Values.Sum()); }), ct),
                quiet: p.GetValue(json));
            Terminal.Note($"accurate-or-stable {part}: {sw.Elapsed.TotalSeconds:F1} s");
            var study = new AccurateOrStableStudy();
            if (!part.IsWhole)
            {
                var doc = ShardDocument.Create(study.Name, part, AccurateOrStableStudy.ToJson(o), AccurateOrStableStudy.ToJson(result));
                JsonOutput.Write(p.GetValue(output)!, doc);
                Terminal.Note($"wrote shard {part} to {p.GetValue(output)}; combine the shards with 'basin merge'");
                if (p.GetValue(json)) JsonPrinter.Print(doc);
                return 0;
            }
            var whole = AccurateOrStableStudy.Merge(o, [result]);
            var files = AccurateOrStableReport.Write(whole, p.GetValue(output)!);
            if (p.GetValue(json)) { JsonPrinter.Print(AccurateOrStableStudy.ToJson(whole)); return 0; }
            foreach (var r in whole.Models) Print(r);
            AnsiConsole.MarkupLine($"{files.Count} files (table, curves, JSON, plots) in {Markup.Escape(p.GetValue(output)!)}");
            return 0;
        });
        return new Command("study", "Studies of the stability pillar.") { cmd, StudySyntheticCommand.Create(), StudyBracketCommand.Create() };
    }

    private static void Print(RobustnessResult r)
    {
        static string Curve(NormCurves c) => string.Join(", ", c.Epsilons.Concat(c.ExtendedEpsilons).Zip(c.WorstCase.Concat(c.ExtendedWorstCase), (e, a) => $"{e:G3}→{a:P1}"));
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Model)}[/]: clean {r.CleanAccuracy:P1} on {r.Count} images");
        AnsiConsole.MarkupLine(Markup.Escape($"  worst-case L∞: {Curve(r.LInf)}"));
        AnsiConsole.MarkupLine(Markup.Escape($"  worst-case L2: {Curve(r.L2)}"));
        AnsiConsole.MarkupLine(Markup.Escape($"  median minimal L2 {r.MinimalL2.Median:F3} (95 % CI {r.MinimalL2.Low:F3}–{r.MinimalL2.High:F3}; white-box {r.MinimalL2WhiteBox.Median:F3}, " +
            $"decision-only {r.MinimalL2DecisionOnly.Median:F3} on {r.MinimalL2DecisionOnly.Images}); median minimal L∞ {r.MinimalLInf.Median:F4} " +
            $"({r.MinimalLInf.Low:F4}–{r.MinimalLInf.High:F4}); median ‖∇ₓCE‖₂ {r.MedianGradientNorm:G3}; median Lipschitz {r.MedianLipschitz:G3}"));
        foreach (var ch in r.Checks)
            AnsiConsole.MarkupLine($"  sanity: {Markup.Escape(ch.Name)}: {(ch.Passed ? "[green]yes[/]" : "[red]NO[/]")} — {Markup.Escape(ch.Detail)}");
        if (r.MaskingSuspected) AnsiConsole.MarkupLine("  [yellow]gradient masking suspected[/]");
    }
}
