using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Basin.Data;
using Basin.Plotting;
using Basin.Stability;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors.IO;
using Spectre.Console;
using Basin.Cli.Commands.SaNode;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin study accurate-or-stable</c>: Bastounis–Hansen–Vlačić's question asked of Basin's models — clean accuracy,
/// per-image worst-case robust accuracy over every attack (L∞ and L2 curves, extended until they reach 0), median minimal
/// L2 and L∞ distances with 95 % intervals, input-gradient norms and local Lipschitz estimates — with the sanity checks
/// printed for every model; writes one table (CSV, JSON) and the plots (SVG, PNG). <c>basin study synthetic</c>: the
/// experiment behind the theorem.
/// </summary>
public static class StudyAccurateOrStableCommand
{
    private static readonly JsonSerializerOptions JsonOut = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static double[] ParseList(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Creates the <c>study</c> command group.</summary>
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "Classifier files (repeat): SA-nODE, MLP, logreg, or pretrained:mnist.", Required = true, AllowMultipleArgumentsPerToken = true };
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.");
        var count = new Option<int>("--count") { Description = "First N test images.", DefaultValueFactory = _ => 1000 };
        var linfEps = new Option<string>("--linf-eps", "--eps") { Description = "Comma-separated L∞ budgets.", DefaultValueFactory = _ => "0.01,0.02,0.05,0.1,0.2,0.3" };
        var l2Eps = new Option<string>("--l2-eps") { Description = "Comma-separated L2 budgets.", DefaultValueFactory = _ => "0.25,0.5,1,1.5,2,3" };
        var iterations = new Option<int>("--iterations") { Description = "PGD iterations.", DefaultValueFactory = _ => 20 };
        var restarts = new Option<int>("--restarts") { Description = "PGD random restarts.", DefaultValueFactory = _ => 1 };
        var squareQueries = new Option<int>("--square-queries") { Description = "Square attack queries per image and budget.", DefaultValueFactory = _ => 300 };
        var hsjIterations = new Option<int>("--hsj-iterations") { Description = "HopSkipJump rounds.", DefaultValueFactory = _ => 20 };
        var blackBox = new Option<int>("--black-box-count") { Description = "Run Square and HopSkipJump on the first N images (default: all).", DefaultValueFactory = _ => int.MaxValue };
        var check = new Option<int>("--check-count") { Description = "Run the doubled-iterations/restarts check on the first N images.", DefaultValueFactory = _ => 200 };
        var lip = new Option<int>("--lipschitz-count") { Description = "Images with a local Lipschitz estimate.", DefaultValueFactory = _ => 20 };
        var surrogate = new Option<string?>("--surrogate") { Description = "Source model of the transfer attack (default: the first ReLU MLP among --model; none for the MLP itself)." };
        var batch = new Option<int>("--batch") { Description = "Images attacked together.", DefaultValueFactory = _ => 100 };
        var steps = CommonStability.Steps();
        var precision = CommonStability.Precision();
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-accurate-or-stable" };
        var cmd = new Command("accurate-or-stable", "Accuracy vs worst-case robust accuracy vs minimal distance vs Lipschitz, for several models, with sanity checks.")
            { models, dataset, count, linfEps, l2Eps, iterations, restarts, squareQueries, hsjIterations, blackBox, check, lip, surrogate, batch, steps, precision, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var loaded = p.GetValue(models)!.Select(spec => ModelFiles.LoadClassifier(spec, new ClassifierOptions(p.GetValue(steps), SinglePrecision: p.GetValue(precision) == "f32"))).ToList();
            var sur = p.GetValue(surrogate) is { } sp ? ModelFiles.LoadClassifier(sp, new ClassifierOptions(p.GetValue(steps), SinglePrecision: p.GetValue(precision) == "f32")) : loaded.OfType<MlpClassifier>().FirstOrDefault(m => !m.IsLinear);
            int n = Math.Min(p.GetValue(count), data.Count);
            var results = new List<RobustnessResult>();
            bool quiet = Console.IsErrorRedirected;
            foreach (var c in loaded)
            {
                var opts = new RobustnessOptions
                {
                    LInfEpsilons = ParseList(p.GetValue(linfEps)!), L2Epsilons = ParseList(p.GetValue(l2Eps)!),
                    Iterations = p.GetValue(iterations), Restarts = p.GetValue(restarts), SquareQueries = p.GetValue(squareQueries),
                    Decision = new HopSkipJumpOptions(Iterations: p.GetValue(hsjIterations)), BlackBoxCount = p.GetValue(blackBox),
                    CheckCount = p.GetValue(check), LipschitzCount = p.GetValue(lip), BatchSize = p.GetValue(batch),
                    Surrogate = ReferenceEquals(c, sur) ? null : sur,
                };
                RobustnessResult r = null!;
                if (quiet)
                {
                    Console.Error.WriteLine($"{c.Name}: attacking {n} images …");
                    r = RobustnessEvaluation.Run(c, data, n, opts, new SyncProgress<int>(i => Console.Error.WriteLine($"  {c.Name}: {i}/{n}")), ct);
                }
                else
                    AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(ctx =>
                        {
                            var task = ctx.AddTask(Markup.Escape(c.Name), maxValue: n);
                            r = RobustnessEvaluation.Run(c, data, n, opts, new SyncProgress<int>(i => task.Value = i), ct);
                        });
                results.Add(r);
                Report(r, opts);
                if (r.Examples.Count > 0) CommonStability.SaveExamples(Path.Combine(dir, "examples-" + Slug(r.Model)), r.Examples, $"{r.Model}, minimal L2 (DeepFool)");
                Write(dir, data.Name, n, results, sur?.Name);
            }
            AnsiConsole.Write(Table(results));
            AnsiConsole.MarkupLine($"table, curves, JSON and plots in {Markup.Escape(dir)}");
            return 0;
        });
        return new Command("study", "Studies of the stability pillar.") { cmd, Synthetic() };
    }

    private static string Slug(string name) => new string(name.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-').Replace("--", "-");

    private static double At(NormCurves c, double eps) { int i = Array.IndexOf(c.Epsilons, eps); return i < 0 ? double.NaN : c.WorstCase[i]; }

    private static Table Table(List<RobustnessResult> results)
    {
        var t = new Table().AddColumns("model", "clean", "worst-case L∞ 0.1", "worst-case L2 1", "median min L2 (95 % CI)", "median min L∞ (95 % CI)",
            "median ‖∇ₓCE‖₂", "median Lipschitz", "masking?");
        foreach (var r in results)
            t.AddRow(Markup.Escape(r.Model), $"{r.CleanAccuracy:P1}", $"{At(r.LInf, 0.1):P1}", $"{At(r.L2, 1):P1}",
                $"{r.MinimalL2.Median:F3} ({r.MinimalL2.Low:F3}–{r.MinimalL2.High:F3})", $"{r.MinimalLInf.Median:F4} ({r.MinimalLInf.Low:F4}–{r.MinimalLInf.High:F4})",
                $"{r.MedianGradientNorm:G3}", $"{r.MedianLipschitz:G3}", r.MaskingSuspected ? "[yellow]suspected[/]" : "[green]no[/]");
        return t;
    }

    private static void Report(RobustnessResult r, RobustnessOptions o)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(r.Model)}[/]: clean {r.CleanAccuracy:P1} on {r.Count} images ({r.Seconds:F0} s)");
        AnsiConsole.MarkupLine("  worst-case L∞: " + string.Join(", ", r.LInf.Epsilons.Concat(r.LInf.ExtendedEpsilons).Zip(r.LInf.WorstCase.Concat(r.LInf.ExtendedWorstCase), (e, a) => $"{e:G3}→{a:P1}")));
        AnsiConsole.MarkupLine("  worst-case L2: " + string.Join(", ", r.L2.Epsilons.Concat(r.L2.ExtendedEpsilons).Zip(r.L2.WorstCase.Concat(r.L2.ExtendedWorstCase), (e, a) => $"{e:G3}→{a:P1}")));
        AnsiConsole.MarkupLine($"  median minimal L2 {r.MinimalL2.Median:F3} (95 % CI {r.MinimalL2.Low:F3}–{r.MinimalL2.High:F3}; white-box {r.MinimalL2WhiteBox.Median:F3}, decision-only {r.MinimalL2DecisionOnly.Median:F3} on {r.MinimalL2DecisionOnly.Images}); " +
            $"median minimal L∞ {r.MinimalLInf.Median:F4} ({r.MinimalLInf.Low:F4}–{r.MinimalLInf.High:F4}); median Lipschitz {r.MedianLipschitz:G3}");
        foreach (var ch in r.Checks)
            AnsiConsole.MarkupLine($"  sanity: {Markup.Escape(ch.Name)}: {(ch.Passed ? "[green]yes[/]" : "[red]NO[/]")} — {Markup.Escape(ch.Detail)}");
        if (r.MaskingSuspected) AnsiConsole.MarkupLine("  [yellow]gradient masking suspected[/]");
    }

    private static void Write(string dir, string dataset, int n, List<RobustnessResult> results, string? surrogate)
    {
        var table = new CsvTable("model", "count", "clean_accuracy", "worst_linf_0.1", "worst_l2_1", "median_min_l2", "median_min_l2_low", "median_min_l2_high",
            "median_min_l2_whitebox", "median_min_l2_decision_only", "median_min_linf", "median_min_linf_low", "median_min_linf_high", "median_grad_norm",
            "median_lipschitz", "checks_passed", "masking_suspected", "seconds");
        var curves = new CsvTable("model", "norm", "eps", "attack", "images", "robust_accuracy");
        foreach (var r in results)
        {
            table.AddRow(r.Model, r.Count, r.CleanAccuracy, At(r.LInf, 0.1), At(r.L2, 1), r.MinimalL2.Median, r.MinimalL2.Low, r.MinimalL2.High,
                r.MinimalL2WhiteBox.Median, r.MinimalL2DecisionOnly.Median, r.MinimalLInf.Median, r.MinimalLInf.Low, r.MinimalLInf.High, r.MedianGradientNorm,
                r.MedianLipschitz, $"{r.Checks.Count(c => c.Passed)}/{r.Checks.Count}", r.MaskingSuspected ? 1 : 0, Math.Round(r.Seconds, 1));
            foreach (var nc in new[] { r.LInf, r.L2 })
            {
                for (int e = 0; e < nc.Epsilons.Length; e++)
                {
                    curves.AddRow(r.Model, nc.Norm, nc.Epsilons[e], "worst-case", r.Count, nc.WorstCase[e]);
                    foreach (var a in nc.Attacks) curves.AddRow(r.Model, nc.Norm, nc.Epsilons[e], a.Attack, a.Images, a.RobustAccuracy[e]);
                }
                for (int e = 0; e < nc.ExtendedEpsilons.Length; e++) curves.AddRow(r.Model, nc.Norm, nc.ExtendedEpsilons[e], "worst-case (extended, PGD)", r.Count, nc.ExtendedWorstCase[e]);
            }
        }
        table.Save(Path.Combine(dir, "accurate-or-stable.csv"));
        curves.Save(Path.Combine(dir, "curves.csv"));
        AtomicFile.WriteAllText(Path.Combine(dir, "accurate-or-stable.json"),
            JsonSerializer.Serialize(new { dataset, count = n, surrogate, models = results }, JsonOut));
        foreach (var (norm, label) in new[] { ("linf", "L∞"), ("l2", "L2") })
        {
            var plot = new LinePlot { Title = $"Worst-case robust accuracy vs {label} budget ({dataset}, first {n} test images)", XLabel = $"ε ({label})", YLabel = "robust accuracy" };
            foreach (var r in results)
            {
                var nc = norm == "linf" ? r.LInf : r.L2;
                plot.Add(r.Model, new[] { 0.0 }.Concat(nc.Epsilons).Concat(nc.ExtendedEpsilons).ToArray(),
                    new[] { r.CleanAccuracy }.Concat(nc.WorstCase).Concat(nc.ExtendedWorstCase).ToArray()).Marker = MarkerShape.Circle;
            }
            plot.Save(Path.Combine(dir, $"robust-{norm}"), 900, 540);
        }
        var cdf = new LinePlot { Title = $"Share of test images flipped within L2 distance r (minimal-L2 attacks, {dataset})", XLabel = "r (L2)", YLabel = "share of images flipped" };
        foreach (var r in results)
        {
            var v = r.MinimalL2.Values.Where(double.IsFinite).OrderBy(z => z).ToArray();
            if (v.Length == 0) continue;
            cdf.Add(r.Model, v, v.Select((_, i) => (i + 1.0) / r.Count).ToArray());
        }
        if (cdf.Series.Count > 0) cdf.Save(Path.Combine(dir, "minimal-l2-cdf"), 900, 540);
        var hist = new Histogram { Title = $"Input-gradient norms log₁₀ ‖∇ₓ CE‖₂ at the clean test images ({dataset})", XLabel = "log₁₀ ‖∇ₓ CE‖₂", YLabel = "images", Bins = 40 };
        foreach (var r in results)
        {
            var g = r.GradientNorms.Where(z => z > 0).Select(Math.Log10).ToArray();
            if (g.Length > 0) hist.Add(r.Model, g);
        }
        if (hist.Series.Count > 0) hist.Save(Path.Combine(dir, "gradient-norms"), 900, 540);
    }

    private static Command Synthetic()
    {
        var dim = new Option<int>("--dim") { Description = "Input dimension.", DefaultValueFactory = _ => 20 };
        var eps = new Option<double>("--eps") { Description = "Half-width ε of the empty band between the classes.", DefaultValueFactory = _ => 0.1 };
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated training-set sizes.", DefaultValueFactory = _ => "50,100,200,400,800,1600" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the fixed-size ReLU MLP.", DefaultValueFactory = _ => 32 };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-synthetic" };
        var sanode = new Option<int>("--sanode-epochs") { Description = "Also train an SA-nODE (N = dim, K = 2) for this many epochs per size (0 = skip).", DefaultValueFactory = _ => 30 };
        var testSize = new Option<int>("--test-size") { Description = "Test points per training size.", DefaultValueFactory = _ => 300 };
        var cells = new Option<int>("--cells") { Description = "0: the sphere problem; g > 0: a random g×g checkerboard on the first two coordinates (a boundary too complex for a small fixed network).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("synthetic", "Two classes with a 2ε margin by construction: share of test points a fixed-size ReLU MLP (trained to ~100 %) lets flip within ε, vs 1-NN and SA-nODE, as the training set grows.")
            { dim, eps, sizes, hidden, output, sanode, cells, testSize };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var n = p.GetValue(sizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var rows = SyntheticStudy.Run(p.GetValue(dim), p.GetValue(eps), n, testSize: p.GetValue(testSize), hidden: p.GetValue(hidden),
                progress: new SyncProgress<string>(s => Console.Error.WriteLine("  " + s)), cancel: ct, saNodeEpochs: p.GetValue(sanode), cells: p.GetValue(cells));
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            string problem = p.GetValue(cells) > 0 ? $"{p.GetValue(cells)}×{p.GetValue(cells)} checkerboard" : "sphere";
            var plot = new LinePlot { Title = $"{problem}, d = {p.GetValue(dim)}: correct test points flippable within ε = {p.GetValue(eps)}", XLabel = "training-set size", YLabel = "unstable share", LogX = true };
            plot.Add($"ReLU MLP {p.GetValue(dim)}-{p.GetValue(hidden)}-2 (fixed size)", n.Select(v => (double)v).ToArray(), rows.Select(r => r.MlpUnstableShare).ToArray()).Marker = MarkerShape.Circle;
            plot.Add("1-nearest neighbour (upper bound)", n.Select(v => (double)v).ToArray(), rows.Select(r => r.NearestUnstableShare).ToArray()).Marker = MarkerShape.Square;
            if (p.GetValue(sanode) > 0)
                plot.Add($"SA-nODE N={Math.Max(p.GetValue(dim), 8)}, K=2 (T = 5.5)", n.Select(v => (double)v).ToArray(), rows.Select(r => r.SaNodeUnstableShare).ToArray()).Marker = MarkerShape.TriangleUp;
            plot.Save(Path.Combine(dir, "synthetic"), 900, 540);
            var acc = new LinePlot { Title = $"{problem}, d = {p.GetValue(dim)}: accuracy", XLabel = "training-set size", YLabel = "test accuracy", LogX = true };
            acc.Add("ReLU MLP", n.Select(v => (double)v).ToArray(), rows.Select(r => r.MlpTestAccuracy).ToArray()).Marker = MarkerShape.Circle;
            acc.Add("ReLU MLP (train)", n.Select(v => (double)v).ToArray(), rows.Select(r => r.MlpTrainAccuracy).ToArray()).Marker = MarkerShape.Diamond;
            acc.Add("1-nearest neighbour", n.Select(v => (double)v).ToArray(), rows.Select(r => r.NearestTestAccuracy).ToArray()).Marker = MarkerShape.Square;
            if (p.GetValue(sanode) > 0) acc.Add("SA-nODE", n.Select(v => (double)v).ToArray(), rows.Select(r => r.SaNodeTestAccuracy).ToArray()).Marker = MarkerShape.TriangleUp;
            acc.Save(Path.Combine(dir, "synthetic-accuracy"), 900, 540);
            var csv = new CsvTable("train_size", "mlp_train_acc", "mlp_test_acc", "mlp_unstable_share", "nn_test_acc", "nn_unstable_share_upper_bound",
                "sanode_train_acc", "sanode_test_acc", "sanode_unstable_share");
            foreach (var r in rows) csv.AddRow(r.TrainSize, r.MlpTrainAccuracy, r.MlpTestAccuracy, r.MlpUnstableShare, r.NearestTestAccuracy, r.NearestUnstableShare,
                r.SaNodeTrainAccuracy, r.SaNodeTestAccuracy, r.SaNodeUnstableShare);
            csv.Save(Path.Combine(dir, "synthetic.csv"));
            var t = new Table().AddColumns("train size", "MLP train acc", "MLP test acc", "MLP unstable share", "1-NN test acc", "1-NN unstable ≤", "SA-nODE train/test acc", "SA-nODE unstable");
            foreach (var r in rows) t.AddRow($"{r.TrainSize}", $"{r.MlpTrainAccuracy:P1}", $"{r.MlpTestAccuracy:P1}", $"{r.MlpUnstableShare:P1}", $"{r.NearestTestAccuracy:P1}", $"{r.NearestUnstableShare:P1}",
                $"{r.SaNodeTrainAccuracy:P1} / {r.SaNodeTestAccuracy:P1}", $"{r.SaNodeUnstableShare:P1}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"plot and CSV in {Markup.Escape(dir)}");
            return 0;
        });
        return cmd;
    }

    private static string Tick(bool ok) => ok ? "[green]yes[/]" : "[red]NO[/]";
}
