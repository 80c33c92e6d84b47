using System.Globalization;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Studies;
using Basin.Stability.Classifiers;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>Options of <c>basin sanode study rk4</c>.</summary>
/// <param name="Model">Model file or <c>pretrained:NAME</c>; null: a letters model trained on the spot (30 epochs, ε_train = 0.2).</param>
/// <param name="Dataset">Test images for <paramref name="Model"/>.</param>
/// <param name="Horizon">Integration time T (the paper's Fig. 8: 10).</param>
/// <param name="Count">Test images.</param>
public sealed record ConvergenceStudyOptions(string? Model = null, string Dataset = "letters", double Horizon = 5.0, int Count = 100);

/// <summary>The convergence study's result with what it ran on.</summary>
/// <param name="Source">The images and model, in words.</param>
/// <param name="Images">Images integrated.</param>
/// <param name="Result">Errors, target MSEs and accuracies per Δt, fitted orders.</param>
/// <param name="Seconds">Wall time of the study.</param>
public sealed record ConvergenceReport(string Source, int Images, ConvergenceResult Result, double Seconds);

/// <summary>
/// Appendix A / Fig. 8 of Marino et al. (2024) as a library call: picks the model and images of
/// <see cref="ConvergenceStudyOptions"/> and runs <see cref="ConvergenceStudy"/> in float64; <see cref="Write"/> draws the
/// error against Δt (log–log, fitted orders), MSE(T) to the targets and H against Δt, with the CSV and summary.json.
/// </summary>
public static class ConvergenceStudyRun
{
    /// <summary>Runs the study; a model trained on the spot is saved as <c>letters-model.safetensors</c> in <paramref name="dir"/>.</summary>
    public static ConvergenceReport Run(ConvergenceStudyOptions o, string dir, DataOptions? data = null, CancellationToken cancel = default)
    {
        if (!(o.Horizon > 0) || o.Count < 1) throw new ArgumentException("--horizon and --count must be positive.");
        Directory.CreateDirectory(dir);
        SaNodeModel<double> model;
        LabeledImages images;
        string source;
        if (o.Model is null)
        {
            var trained = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(1));
            new SaNodeTrainer(trained, new SaNodeTrainOptions { Epochs = 30, BatchSize = 50, LearningRate = 0.01, NoiseTrain = 0.2 })
                .Run(Letters.Create(40), null, null, cancel: cancel);
            var tmp = Path.Combine(dir, "letters-model.safetensors");
            SaNodeFile.Save(tmp, trained);
            model = SaNodeFile.Load<double>(tmp);
            images = Noise.Corrupt(Letters.Create(Math.Max(1, o.Count / 5)), 0.2, seed: 9);
            source = "letters (ε = 0.2), model trained on the spot";
        }
        else
        {
            model = ModelFiles.LoadSaNode<double>(o.Model);
            images = Datasets.Load(o.Dataset, DataSplit.Test, data);
            images = images.Take(Math.Min(o.Count, images.Count));
            source = $"{o.Dataset} test[0..{images.Count}), {Path.GetFileName(ModelFiles.Resolve(o.Model))}";
        }
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = ConvergenceStudy.Run(model, images, o.Horizon, cancel);
        return new ConvergenceReport(source, images.Count, r, sw.Elapsed.TotalSeconds);
    }

    /// <summary>Writes <c>fig8-convergence.{svg,png,csv}</c> and <c>summary.json</c>; returns the summary.</summary>
    public static JsonObject Write(string dir, ConvergenceReport report)
    {
        Directory.CreateDirectory(dir);
        var r = report.Result;
        static double[] Floor(double[] v) => v.Select(e => Math.Max(e, 1e-16)).ToArray();
        var err = new LinePlot { Title = $"Error of x(T = {r.Horizon:G3}) against RK4 at Δt = {r.ReferenceDt:G2}", XLabel = "Δt", YLabel = "relative error", LogX = true, LogY = true };
        err.Add($"RK4 (slope {r.Rk4Slope:F2})", r.Dts, Floor(r.Rk4Errors)).Marker = MarkerShape.Circle;
        err.Add($"Euler (slope {r.EulerSlope:F2})", r.Dts, Floor(r.EulerErrors)).Marker = MarkerShape.Square;
        var mse = new LinePlot { Title = "MSE(T) to the target attractors (paper's Fig. 8)", XLabel = "Δt", YLabel = "MSE(T)", LogX = true, LogY = true };
        mse.Add("RK4", r.Dts, Floor(r.Rk4TargetMse)).Marker = MarkerShape.Circle;
        mse.Add("Euler", r.Dts, Floor(r.EulerTargetMse)).Marker = MarkerShape.Square;
        var reference = mse.Add("reference", [r.Dts[^1], r.Dts[0]], [Math.Max(r.ReferenceTargetMse, 1e-16), Math.Max(r.ReferenceTargetMse, 1e-16)]);
        reference.Color = new Rgba32(120, 120, 120); reference.LineWidth = 0.8;
        var acc = new LinePlot { Title = "Accuracy H (sign overlap ≥ 0.95)", XLabel = "Δt", YLabel = "H", LogX = true, YMin = 0, YMax = 1.02 };
        acc.Add("RK4", r.Dts, r.Rk4Accuracy).Marker = MarkerShape.Circle;
        acc.Add("Euler", r.Dts, r.EulerAccuracy).Marker = MarkerShape.Square;
        var fig = new Figure(1, 3) { Title = $"Convergence to the continuous model (Appendix A, Fig. 8): {report.Images} images of {report.Source}, float64" };
        fig.Add(err).Add(mse).Add(acc);
        fig.Save(Path.Combine(dir, "fig8-convergence"), 1500, 500);
        var csv = new CsvTable("dt", "rk4_error", "euler_error", "rk4_target_mse", "euler_target_mse", "rk4_accuracy", "euler_accuracy");
        for (int i = 0; i < r.Dts.Length; i++)
            csv.AddRow(r.Dts[i], r.Rk4Errors[i], r.EulerErrors[i], r.Rk4TargetMse[i], r.EulerTargetMse[i], r.Rk4Accuracy[i], r.EulerAccuracy[i]);
        csv.Save(Path.Combine(dir, "fig8-convergence.csv"));
        var doc = new JsonObject
        {
            ["study"] = "rk4", ["source"] = report.Source, ["images"] = report.Images, ["horizon"] = r.Horizon, ["reference_dt"] = r.ReferenceDt,
            ["rk4_slope"] = r.Rk4Slope, ["euler_slope"] = r.EulerSlope, ["reference_target_mse"] = r.ReferenceTargetMse,
            ["seconds"] = Math.Round(report.Seconds, 1),
        };
        JsonOutput.Write(Path.Combine(dir, "summary.json"), doc);
        return doc;
    }
}
