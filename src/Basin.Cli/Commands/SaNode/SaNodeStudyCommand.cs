using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Studies;
using Basin.Tensors;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode study letters|rk4|cases|horizon|gradient</c>: the paper's studies as commands that write plots (SVG, PNG), CSV and summary.json.</summary>
public static class SaNodeStudyCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-study" };
        var quick = new Option<bool>("--quick") { Description = "A small grid (seconds), for smoke tests." };
        var seeds = new Option<int?>("--seeds") { Description = "Models per ε_train, averaged (default 3; 1 with --quick)." };
        var letters = new Command("letters", "Letters A–E (paper §IV): m_f vs ε_test per ε_train (Fig. 3), MSE(t) and the bimodal MSE histogram (Fig. 4), " +
            "eigen-coefficient perturbations (Fig. 5–6), input/output/target (Fig. 7), λ before/after training and the stability of every model.")
            { output, quick, seeds };
        CommandAction.Set(letters, (p, ct) => Letters(p.GetValue(output)!, p.GetValue(quick), p.GetValue(seeds), ct));
        var model = new Option<string?>("--model") { Description = "Model file (default: a letters model trained on the spot)." };
        var dataset = new Option<string>("--dataset") { Description = "Test images for a --model: mnist, fashion or letters.", DefaultValueFactory = _ => "letters" };
        var horizon = new Option<double>("--horizon") { Description = "Integration time T (the paper's Fig. 8: 10).", DefaultValueFactory = _ => 5.0 };
        var count = new Option<int>("--count") { Description = "Test images.", DefaultValueFactory = _ => 100 };
        var rk4 = new Command("rk4", "Appendix A / Fig. 8: error of RK4 and Euler against a fine RK4 reference vs Δt (log–log, fitted orders), MSE to the targets and accuracy vs Δt.")
            { output, model, dataset, horizon, count };
        CommandAction.Set(rk4, (p, ct) => Convergence(p.GetValue(output)!, p.GetValue(model), p.GetValue(dataset)!, p.GetValue(horizon), p.GetValue(count), ct));
        return new Command("study", "Reproduce the SA-nODE paper's studies (plots + CSV + summary.json).") { letters, rk4, SaNodeStudyCasesCommand.Create(), SaNodeStudyHorizonCommand.Create(), SaNodeStudyGradientCommand.Create() };
    }

    private static int Letters(string dir, bool quick, int? seeds, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var o = quick ? LettersStudyOptions.Quick : LettersStudyOptions.Paper;
        if (seeds is int s) o = o with { Seeds = s };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = LettersStudy.Run(o, new Progress<string>(line => Console.Error.WriteLine("  " + line)), ct);
        var doc = LettersStudyFigures.Write(dir, r, quick);
        var overlap = r.Overlap;
        var t = new Table().AddColumns(new[] { "ε_train \\ ε_test" }.Concat(o.TestNoises.Where((_, j) => j % 2 == 0).Select(e => $"{e:G2}")).Append("f").ToArray());
        for (int i = 0; i < o.TrainNoises.Length; i++)
            t.AddRow(new[] { $"{o.TrainNoises[i]:G2}" }.Concat(overlap[i].Where((_, j) => j % 2 == 0).Select(v => $"{v:F2}")).Append($"{r.Fraction[i]:F2}").ToArray());
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"m_f per ε_train (rows) and ε_test (every other column), f of Fig. 6; {o.Seeds} model(s) per ε_train, " +
            $"all stable: {doc["models"]!.AsArray().All(m => (bool)m!["all_attractors_stable"]!)}; {sw.Elapsed.TotalSeconds:F0} s. Figures, CSV and summary.json in {Markup.Escape(dir)}");
        return 0;
    }

    private static int Convergence(string dir, string? modelPath, string dataset, double horizon, int count, CancellationToken ct)
    {
        if (!(horizon > 0) || count < 1) throw new ArgumentException("--horizon and --count must be positive.");
        Directory.CreateDirectory(dir);
        SaNodeModel<double> model;
        LabeledImages data;
        string source;
        if (modelPath is null)
        {
            var trained = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(1));
            new SaNodeTrainer(trained, new SaNodeTrainOptions { Epochs = 30, BatchSize = 50, LearningRate = 0.01, NoiseTrain = 0.2 })
                .Run(Basin.Data.Letters.Create(40), null, null, cancel: ct);
            var tmp = Path.Combine(dir, "letters-model.safetensors");
            SaNodeFile.Save(tmp, trained);
            model = SaNodeFile.Load<double>(tmp);
            data = Noise.Corrupt(Basin.Data.Letters.Create(Math.Max(1, count / 5)), 0.2, seed: 9);
            source = "letters (ε = 0.2), model trained on the spot";
        }
        else
        {
            var path = PretrainedModels.Resolve(modelPath);
            model = SaNodeFile.Load<double>(path);
            data = DataCommand.Load(dataset, DataSplit.Test);
            data = data.Take(Math.Min(count, data.Count));
            source = $"{dataset} test[0..{data.Count}), {Path.GetFileName(path)}";
        }
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = ConvergenceStudy.Run(model, data, horizon, ct);
        double seconds = sw.Elapsed.TotalSeconds;
        static double[] Floor(double[] v) => v.Select(e => Math.Max(e, 1e-16)).ToArray();
        var err = new LinePlot { Title = $"Error of x(T = {horizon:G3}) against RK4 at Δt = {r.ReferenceDt:G2}", XLabel = "Δt", YLabel = "relative error", LogX = true, LogY = true };
        err.Add($"RK4 (slope {r.Rk4Slope:F2})", r.Dts, Floor(r.Rk4Errors)).Marker = MarkerShape.Circle;
        err.Add($"Euler (slope {r.EulerSlope:F2})", r.Dts, Floor(r.EulerErrors)).Marker = MarkerShape.Square;
        var mse = new LinePlot { Title = $"MSE(T) to the target attractors (paper's Fig. 8)", XLabel = "Δt", YLabel = "MSE(T)", LogX = true, LogY = true };
        mse.Add("RK4", r.Dts, Floor(r.Rk4TargetMse)).Marker = MarkerShape.Circle;
        mse.Add("Euler", r.Dts, Floor(r.EulerTargetMse)).Marker = MarkerShape.Square;
        var reference = mse.Add("reference", [r.Dts[^1], r.Dts[0]], [Math.Max(r.ReferenceTargetMse, 1e-16), Math.Max(r.ReferenceTargetMse, 1e-16)]);
        reference.Color = new Rgba32(120, 120, 120); reference.LineWidth = 0.8;
        var acc = new LinePlot { Title = "Accuracy H (sign overlap ≥ 0.95)", XLabel = "Δt", YLabel = "H", LogX = true, YMin = 0, YMax = 1.02 };
        acc.Add("RK4", r.Dts, r.Rk4Accuracy).Marker = MarkerShape.Circle;
        acc.Add("Euler", r.Dts, r.EulerAccuracy).Marker = MarkerShape.Square;
        var fig = new Figure(1, 3) { Title = $"Convergence to the continuous model (Appendix A, Fig. 8): {data.Count} images of {source}, float64" };
        fig.Add(err).Add(mse).Add(acc);
        fig.Save(Path.Combine(dir, "fig8-convergence"), 1500, 500);
        var csv = new CsvTable("dt", "rk4_error", "euler_error", "rk4_target_mse", "euler_target_mse", "rk4_accuracy", "euler_accuracy");
        for (int i = 0; i < r.Dts.Length; i++)
            csv.AddRow(r.Dts[i], r.Rk4Errors[i], r.EulerErrors[i], r.Rk4TargetMse[i], r.EulerTargetMse[i], r.Rk4Accuracy[i], r.EulerAccuracy[i]);
        csv.Save(Path.Combine(dir, "fig8-convergence.csv"));
        var doc = new JsonObject
        {
            ["study"] = "rk4", ["source"] = source, ["images"] = data.Count, ["horizon"] = horizon, ["reference_dt"] = r.ReferenceDt,
            ["rk4_slope"] = r.Rk4Slope, ["euler_slope"] = r.EulerSlope, ["reference_target_mse"] = r.ReferenceTargetMse, ["seconds"] = Math.Round(seconds, 1),
        };
        AtomicFile.WriteAllText(Path.Combine(dir, "summary.json"), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var t = new Table().AddColumns("Δt", "RK4 error", "Euler error", "RK4 MSE(T)", "Euler MSE(T)", "RK4 H", "Euler H");
        for (int i = 0; i < r.Dts.Length; i++)
            t.AddRow($"{r.Dts[i]:G3}", $"{r.Rk4Errors[i]:E2}", $"{r.EulerErrors[i]:E2}", $"{r.Rk4TargetMse[i]:E2}", $"{r.EulerTargetMse[i]:E2}",
                $"{r.Rk4Accuracy[i]:P1}", $"{r.EulerAccuracy[i]:P1}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine(string.Format(CultureInfo.InvariantCulture, "Fitted orders: RK4 [bold]{0:F2}[/], Euler [bold]{1:F2}[/] ({2} images, float64, {3:F0} s). Plot, CSV and summary.json in {4}",
            r.Rk4Slope, r.EulerSlope, data.Count, seconds, Markup.Escape(dir)));
        return 0;
    }
}
