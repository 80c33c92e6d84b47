using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode.Analysis;
using Basin.SaNode.Studies;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode study letters|rk4</c>: the paper's studies as commands that write plots (SVG, PNG) and CSV.</summary>
public static class SaNodeStudyCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-study" };
        var quick = new Option<bool>("--quick") { Description = "A small grid (seconds), for smoke tests." };
        var letters = new Command("letters", "Letters A–E (paper §IV): m_f vs ε_test per ε_train (Fig. 3), MSE(t) and the bimodal MSE histogram (Fig. 4), input/output/target (Fig. 7), stability per model.") { output, quick };
        CommandAction.Set(letters, (p, ct) => Letters(p.GetValue(output)!, p.GetValue(quick), ct));
        var model = new Option<string?>("--model") { Description = "Model file (default: a letters model trained on the spot)." };
        var dataset = new Option<string>("--dataset") { Description = "Test images for a --model: mnist, fashion or letters.", DefaultValueFactory = _ => "letters" };
        var horizon = new Option<double>("--horizon") { Description = "Integration time T.", DefaultValueFactory = _ => 5.0 };
        var count = new Option<int>("--count") { Description = "Test images.", DefaultValueFactory = _ => 100 };
        var rk4 = new Command("rk4", "Appendix A / Fig. 8: error of RK4 and Euler against a fine RK4 reference vs Δt (log–log, fitted orders) and accuracy vs Δt.") { output, model, dataset, horizon, count };
        CommandAction.Set(rk4, (p, ct) => Convergence(p.GetValue(output)!, p.GetValue(model), p.GetValue(dataset)!, p.GetValue(horizon), p.GetValue(count), ct));
        return new Command("study", "Reproduce the SA-nODE paper's studies (plots + CSV + summary.json).") { letters, rk4 };
    }

    private static int Letters(string dir, bool quick, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var o = quick ? LettersStudyOptions.Quick : LettersStudyOptions.Paper;
        var r = LettersStudy.Run(o, new Progress<string>(s => Console.Error.WriteLine("  " + s)), ct);
        var fig3 = new LinePlot { Title = "Letters: mean overlap m_f vs test noise (Fig. 3)", XLabel = "ε_test", YLabel = "m_f" };
        var csv3 = new CsvTable("eps_train", "eps_test", "overlap", "accuracy");
        var summary = new JsonArray();
        for (int i = 0; i < o.TrainNoises.Length; i++)
        {
            fig3.Add($"ε_train = {o.TrainNoises[i]:G2}", o.TestNoises, r.Overlap[i]).Marker = MarkerShape.Circle;
            for (int j = 0; j < o.TestNoises.Length; j++) csv3.AddRow(o.TrainNoises[i], o.TestNoises[j], r.Overlap[i][j], r.Accuracy[i][j]);
            double plateau = 0;
            for (int j = 0; j < o.TestNoises.Length && r.Overlap[i][j] >= 0.95; j++) plateau = o.TestNoises[j];
            int rises = 0;
            for (int j = 1; j < o.TestNoises.Length; j++) if (r.Overlap[i][j] > r.Overlap[i][j - 1] + 0.01) rises++;
            var cert = StabilityCertificate.Compute(r.Models[i]);
            summary.Add(new JsonObject
            {
                ["eps_train"] = o.TrainNoises[i], ["overlap_at_zero"] = r.Overlap[i][0], ["accuracy_at_zero"] = r.Accuracy[i][0],
                ["plateau_eps_test_mf_ge_0_95"] = plateau, ["monotone_within_0_01"] = rises == 0,
                ["all_attractors_stable"] = cert.StableByBound && cert.StableBySpectrum, ["settling_time"] = cert.SettlingTime,
            });
        }
        fig3.Save(Path.Combine(dir, "fig3-overlap-vs-noise"), 900, 540);
        csv3.Save(Path.Combine(dir, "fig3-overlap-vs-noise.csv"));
        var fig4 = new LinePlot { Title = $"MSE along the trajectory, model ε_train = {r.Fig4TrainNoise:G2} (Fig. 4)", XLabel = "t", YLabel = "MSE(t)", LogY = true };
        var csv4 = new CsvTable("eps_test", "t", "mse");
        for (int j = 0; j < r.Fig4TestNoises.Length; j++)
        {
            var ts = Enumerable.Range(0, r.MseCurves[j].Length).Select(s => s * 0.1).ToArray();
            fig4.Add($"ε_test = {r.Fig4TestNoises[j]:G2}", ts, r.MseCurves[j].Select(v => Math.Max(v, 1e-12)).ToArray());
            for (int s = 0; s < ts.Length; s += 5) csv4.AddRow(r.Fig4TestNoises[j], ts[s], r.MseCurves[j][s]);
        }
        fig4.Save(Path.Combine(dir, "fig4-mse-trajectory"), 900, 540);
        csv4.Save(Path.Combine(dir, "fig4-mse-trajectory.csv"));
        var hist = new Histogram { Title = $"Final per-sample MSE at ε_test = {r.Fig4TestNoise:G2}: bimodal (Fig. 4)", XLabel = "MSE(T)", YLabel = "samples", Bins = 40, LogY = true };
        hist.Add("samples", r.SampleMse);
        hist.Save(Path.Combine(dir, "fig4-mse-histogram"), 900, 540);
        hist.SaveCsv(Path.Combine(dir, "fig4-mse-histogram.csv"));
        WriteFig7(dir, r, o);
        int pk = Array.IndexOf(o.TrainNoises, r.Fig4TrainNoise);
        var pr = r.Perturbation[pk];
        var sig = pr.Sigmas;
        var heat = new Heatmap(pr.Mse.SelectMany(row => row).Select(v => Math.Log10(v + 1e-16)).ToArray(), pr.Mse.Length, sig.Length)
        {
            Title = $"One eigen-coefficient of A perturbed, ε_train = {r.Fig4TrainNoise:G2} (Fig. 5)",
            ColorBarLabel = "log10 sample MSE", EqualAspect = false,
            ColumnLabels = sig.Select((v, i) => i % 3 == 2 || i == sig.Length - 1 ? $"σ={v:G2}" : "").ToArray(),
        };
        heat.Save(Path.Combine(dir, "fig5-eigen-perturbation"), 900, 700);
        heat.SaveCsv(Path.Combine(dir, "fig5-eigen-perturbation.csv"));
        var fig6 = new LinePlot { Title = $"Fraction f of eigen-coefficients perturbable together (σ = {sig[^1]:G2}) (Fig. 6)", XLabel = "ε_train", YLabel = "f" };
        fig6.Add("f", o.TrainNoises, r.Perturbation.Select(q => q.Fraction).ToArray()).Marker = MarkerShape.Circle;
        fig6.Save(Path.Combine(dir, "fig6-fraction-vs-train-noise"), 900, 540);
        fig6.SaveCsv(Path.Combine(dir, "fig6-fraction-vs-train-noise.csv"));
        for (int i = 0; i < summary.Count; i++) summary[i]!["eigen_fraction_f"] = r.Perturbation[i].Fraction;
        var doc = new JsonObject { ["study"] = "letters", ["quick"] = quick, ["eval_horizon"] = o.Steps * 0.1, ["models"] = summary };
        AtomicFile.WriteAllText(Path.Combine(dir, "summary.json"), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var t = new Table().AddColumns(new[] { "ε_train \\ ε_test" }.Concat(o.TestNoises.Select(e => $"{e:G2}")).ToArray());
        for (int i = 0; i < o.TrainNoises.Length; i++)
            t.AddRow(new[] { $"{o.TrainNoises[i]:G2}" }.Concat(r.Overlap[i].Select(v => $"{v:F3}")).ToArray());
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"m_f per ε_train (rows) and ε_test (columns); figures, CSV and summary.json in {Markup.Escape(dir)}");
        return 0;
    }

    private static void WriteFig7(string dir, LettersStudyResult r, LettersStudyOptions o)
    {
        int pick = Array.IndexOf(o.TrainNoises, r.Fig4TrainNoise);
        var model = r.Models[pick];
        var runner = new Basin.SaNode.SaNodeRunner<float>(model);
        runner.Refresh();
        var clean = Basin.Data.Letters.Create(1);
        var noisy = Noise.Corrupt(clean, 0.2, seed: 5);
        var xT = new float[noisy.Pixels.Length];
        runner.Predict(noisy.Pixels, noisy.Count, new SolverOptions(ButcherTableau.Euler, 0.1, o.Steps, Clip: 5), xT);
        var grid = new ImageGrid { Title = "Input (ε = 0.2), output x(T), target (Fig. 7)", Columns = 5, RowLabels = ["input", "output", "target"] };
        double a = model.Config.A;
        for (int k = 0; k < 5; k++) grid.Add(noisy.Image(k), 7, 7, Basin.Data.Letters.ClassNames[k]);
        for (int k = 0; k < 5; k++) grid.Add(xT.AsSpan(k * 49, 49).ToArray().Select(v => (float)Math.Clamp((v + a) / (2 * a), 0, 1)).ToArray(), 7, 7);
        for (int k = 0; k < 5; k++) grid.Add(model.Patterns.Row(k).ToArray().Select(v => (float)((v + a) / (2 * a))).ToArray(), 7, 7);
        grid.Save(Path.Combine(dir, "fig7-input-output-target"), 640, 480);
    }

    private static int Convergence(string dir, string? modelPath, string dataset, double horizon, int count, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        Basin.SaNode.SaNodeModel<double> model;
        LabeledImages data;
        if (modelPath is null)
        {
            var trained = new Basin.SaNode.SaNodeModel<float>(new Basin.SaNode.SaNodeConfig { N = 49, K = 5 }, new Basin.Tensors.Rng(1));
            new Basin.SaNode.SaNodeTrainer(trained, new Basin.SaNode.SaNodeTrainOptions { Epochs = 30, BatchSize = 50, LearningRate = 0.01, NoiseTrain = 0.2 })
                .Run(Basin.Data.Letters.Create(40), null, null, cancel: ct);
            var tmp = Path.Combine(dir, "letters-model.safetensors");
            Basin.SaNode.SaNodeFile.Save(tmp, trained);
            model = Basin.SaNode.SaNodeFile.Load<double>(tmp);
            data = Noise.Corrupt(Basin.Data.Letters.Create(Math.Max(1, count / 5)), 0.2, seed: 9);
        }
        else
        {
            model = Basin.SaNode.SaNodeFile.Load<double>(ModelResolver.Resolve(modelPath));
            data = DataCommand.Load(dataset, DataSplit.Test);
            data = data.Take(Math.Min(count, data.Count));
        }
        var r = ConvergenceStudy.Run(model, data, horizon, ct);
        var plot = new LinePlot { Title = $"Error at T = {horizon:G3} vs Δt against RK4 (Δt = {r.ReferenceDt:G2}) (Fig. 8)", XLabel = "Δt", YLabel = "relative error", LogX = true, LogY = true };
        plot.Add($"RK4 (slope {r.Rk4Slope:F2})", r.Dts, r.Rk4Errors.Select(e => Math.Max(e, 1e-16)).ToArray()).Marker = MarkerShape.Circle;
        plot.Add($"Euler (slope {r.EulerSlope:F2})", r.Dts, r.EulerErrors.Select(e => Math.Max(e, 1e-16)).ToArray()).Marker = MarkerShape.Square;
        plot.Save(Path.Combine(dir, "fig8-convergence"), 900, 540);
        var csv = new CsvTable("dt", "rk4_error", "euler_error", "rk4_accuracy", "euler_accuracy");
        for (int i = 0; i < r.Dts.Length; i++) csv.AddRow(r.Dts[i], r.Rk4Errors[i], r.EulerErrors[i], r.Rk4Accuracy[i], r.EulerAccuracy[i]);
        csv.Save(Path.Combine(dir, "fig8-convergence.csv"));
        var t = new Table().AddColumns("Δt", "RK4 error", "Euler error", "RK4 H", "Euler H");
        for (int i = 0; i < r.Dts.Length; i++) t.AddRow($"{r.Dts[i]:G3}", $"{r.Rk4Errors[i]:E2}", $"{r.EulerErrors[i]:E2}", $"{r.Rk4Accuracy[i]:P1}", $"{r.EulerAccuracy[i]:P1}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"Fitted orders: RK4 [bold]{r.Rk4Slope:F2}[/], Euler [bold]{r.EulerSlope:F2}[/] ({data.Count} images, float64). Plot and CSV in {Markup.Escape(dir)}");
        return 0;
    }
}
