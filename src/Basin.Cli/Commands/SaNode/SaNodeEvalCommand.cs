using System.CommandLine;
using Basin.Data;
using Basin.SaNode.Evaluation;
using Basin.Stability.Classifiers;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode eval</c>: accuracy H, perfect count, m_f, nearest-attractor accuracy and a per-class table on a test split (<see cref="SaNodeEvaluation"/>).</summary>
public static class SaNodeEvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var d = new SaNodeEvalOptions();
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("mnist, fashion or letters.", "mnist");
        var steps = new Option<int>("--steps") { Description = "Integration steps (T = steps·Δt; the paper evaluates at T ≈ 120).", DefaultValueFactory = _ => d.Steps };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => d.Dt };
        var solver = CommonOptions.Solver(d.Solver);
        var noise = new Option<double>("--noise") { Description = "ε_test: share of pixels replaced by uniform noise.", DefaultValueFactory = _ => d.Noise };
        var count = new Option<int>("--count") { Description = "Score only the first N test images (0 = all).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Images integrated together.", DefaultValueFactory = _ => d.Batch };
        var split = new Option<string>("--split") { Description = "test or train.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train");
        var idxDir = new Option<string?>("--idx-dir") { Description = "Directory with official IDX files instead of the npm cache." };
        var json = CommonOptions.Json();
        var settle = new Option<double>("--settle-tol") { Description = "Per-sample early stop: retire a trajectory once max|F(x)| < tol (0 = integrate all to T).", DefaultValueFactory = _ => d.SettleTolerance };
        var rtol = CommonOptions.Rtol();
        var atol = CommonOptions.Atol();
        var maxSteps = CommonOptions.MaxSteps(d.MaxSteps);
        var stepControl = new Option<string>("--step-control")
        {
            Description = "With --rtol/--atol: per-row (every image its own step size; faster at equal H on MNIST) or batch (one step size for the batch).",
            DefaultValueFactory = _ => d.PerRowSteps ? "per-row" : "batch",
        };
        stepControl.AcceptOnlyFromAmong("per-row", "batch");
        var cmd = new Command("eval", "Score a trained SA-nODE on a dataset split.") { model, dataset, steps, dt, solver, noise, count, batch, split, idxDir, json, settle, rtol, atol, maxSteps, stepControl };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = ModelFiles.Resolve(p.GetValue(model)!);
            var m = ModelFiles.LoadSaNode<float>(path);
            var name = p.GetValue(dataset)!;
            var data = DataCommand.Load(name, p.GetValue(split) == "train" ? DataSplit.Train : DataSplit.Test, p.GetValue(idxDir));
            if (p.GetValue(count) > 0) data = data.Take(Math.Min(p.GetValue(count), data.Count));
            var o = new SaNodeEvalOptions(p.GetValue(steps), p.GetValue(dt), p.GetValue(solver)!, p.GetValue(noise), p.GetValue(batch), p.GetValue(settle),
                p.GetValue(rtol), p.GetValue(atol), p.GetValue(maxSteps), p.GetValue(stepControl) == "per-row");
            var r = ProgressRunner.Run($"integrating {data.Count} images to T = {o.Steps * o.Dt:G4}", data.Count,
                pr => SaNodeEvaluation.Run(m, path, data, name, p.GetValue(split)!, o, pr, ct), p.GetValue(json));
            if (p.GetValue(json)) { JsonPrinter.Print(r); return 0; }
            var table = new Table().AddColumns("class", "count", "H", "nearest");
            foreach (var c in r.PerClass) table.AddRow(Markup.Escape(c.Class), $"{c.Count}", $"{c.Accuracy:P2}", $"{c.NearestAccuracy:P2}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[bold]H = {r.Accuracy:P2}[/] ({r.Perfect} of {r.Count} perfect), m_f = {r.Overlap:F4}, nearest-attractor accuracy {r.NearestAccuracy:P2}, at T = {r.Horizon:G4} " +
                (o.Adaptive ? $"({r.Solver}, rtol {r.Rtol:G3}, atol {r.Atol:G3}, {r.StepControl} step control: {r.StepsTaken} steps, {r.RejectedSteps} rejected, {r.Evaluations} evaluations of F over all batches, {r.Seconds:F1} s)"
                    : $"({r.Solver}, Δt = {r.Dt}: {r.Evaluations} evaluations of F over all batches, {r.Seconds:F1} s)"));
            return 0;
        });
        return cmd;
    }
}
