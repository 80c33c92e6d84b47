using Basin.Cli.Commands;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode eval</c>: accuracy H, perfect count, m_f, nearest-attractor accuracy and a per-class table on a test split.</summary>
public static class SaNodeEvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("mnist, fashion or letters.", "mnist");
        var steps = new Option<int>("--steps") { Description = "Integration steps (T = steps·Δt; the paper evaluates at T ≈ 120).", DefaultValueFactory = _ => 1200 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var solver = new Option<string>("--solver") { Description = "euler, heun or rk4.", DefaultValueFactory = _ => "euler" };
        solver.AcceptOnlyFromAmong("euler", "heun", "rk4");
        var noise = new Option<double>("--noise") { Description = "ε_test: share of pixels replaced by uniform noise.", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "Score only the first N test images (0 = all).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Images integrated together.", DefaultValueFactory = _ => 500 };
        var split = new Option<string>("--split") { Description = "test or train.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train");
        var idxDir = new Option<string?>("--idx-dir") { Description = "Directory with official IDX files instead of the npm cache." };
        var json = CommonOptions.Json();
        var settle = new Option<double>("--settle-tol") { Description = "Per-sample early stop: retire a trajectory once max|F(x)| < tol (0 = integrate all to T).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("eval", "Score a trained SA-nODE on a dataset split.") { model, dataset, steps, dt, solver, noise, count, batch, split, idxDir, json, settle };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = PretrainedModels.Resolve(p.GetValue(model)!);
            var m = SaNodeFile.Load<float>(path);
            var name = p.GetValue(dataset)!;
            var data = DataCommand.Load(name, p.GetValue(split) == "train" ? DataSplit.Train : DataSplit.Test, p.GetValue(idxDir));
            if (p.GetValue(count) > 0) data = data.Take(Math.Min(p.GetValue(count), data.Count));
            var opts = new SolverOptions(ButcherTableau.Parse(p.GetValue(solver)!), p.GetValue(dt), p.GetValue(steps), Clip: 10 * m.Config.A).Validate();
            if (p.GetValue(batch) < 1) throw new ArgumentException("--batch must be ≥ 1.");
            var runner = new SaNodeRunner<float>(m);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            SaNodeMetrics metrics;
            bool quiet = p.GetValue(json) || Console.IsErrorRedirected;
            if (quiet)
                metrics = SaNodeEvaluator.Evaluate(runner, data, opts, p.GetValue(batch), p.GetValue(noise), cancel: ct, settleTolerance: p.GetValue(settle));
            else
            {
                metrics = null!;
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"integrating {data.Count} images to T = {opts.Steps * opts.Dt:G4}", maxValue: data.Count);
                        metrics = SaNodeEvaluator.Evaluate(runner, data, opts, p.GetValue(batch), p.GetValue(noise),
                            progress: new SyncProgress<int>(d => task.Value = d), cancel: ct, settleTolerance: p.GetValue(settle));
                    });
            }
            var perClass = new JsonArray();
            var pc = metrics.PerClass;
            for (int c = 0; c < pc.Count; c++)
                perClass.Add(new JsonObject { ["class"] = c < data.ClassNames.Length ? data.ClassNames[c] : c.ToString(), ["count"] = pc[c].Count,
                    ["accuracy"] = pc[c].Accuracy, ["nearest_accuracy"] = pc[c].NearestAccuracy });
            var doc = new JsonObject
            {
                ["model"] = path, ["dataset"] = name, ["split"] = p.GetValue(split), ["count"] = metrics.Count,
                ["accuracy"] = metrics.Accuracy, ["perfect"] = metrics.Perfect, ["overlap"] = metrics.Overlap,
                ["nearest_accuracy"] = metrics.NearestAccuracy, ["mse"] = metrics.Mse, ["threshold"] = metrics.Threshold,
                ["horizon"] = opts.Steps * opts.Dt, ["steps"] = opts.Steps, ["dt"] = opts.Dt, ["solver"] = opts.Method.Name,
                ["noise"] = p.GetValue(noise), ["settle_tol"] = p.GetValue(settle),
                ["row_steps_share"] = Math.Round(metrics.RowSteps / ((double)metrics.Count * opts.Steps), 4), ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 2), ["per_class"] = perClass,
            };
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
            var table = new Table().AddColumns("class", "count", "H", "nearest");
            foreach (var r in perClass) table.AddRow(r!["class"]!.ToString(), r["count"]!.ToString(), $"{(double)r["accuracy"]!:P2}", $"{(double)r["nearest_accuracy"]!:P2}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[bold]H = {metrics.Accuracy:P2}[/] ({metrics.Perfect} of {metrics.Count} perfect), m_f = {metrics.Overlap:F4}, nearest-attractor accuracy {metrics.NearestAccuracy:P2}, at T = {opts.Steps * opts.Dt:G4} ({opts.Method.Name}, Δt = {opts.Dt})");
            return 0;
        });
        return cmd;
    }
}
