using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.SaNode.Studies;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>
/// Writes the letters study's figures (SVG + PNG) — Fig. 3 m_f against ε_test per ε_train with the chance level, Fig. 4 MSE(t)
/// and the final-MSE histogram, Fig. 5–6 eigen-coefficient perturbations and the fraction f, Fig. 7 input/output/target,
/// λ before/after training — their CSV tables, the stability certificate of every model and summary.json.
/// </summary>
public static class LettersStudyFigures
{
    /// <summary>Writes every file into <paramref name="dir"/>; returns the summary document.</summary>
    public static JsonObject Write(string dir, LettersStudyResult r, bool quick)
    {
        Directory.CreateDirectory(dir);
        var o = r.Options;
        Fig3(dir, r);
        Fig4(dir, r);
        Fig5(dir, r);
        Fig6(dir, r);
        Fig7(dir, r);
        var certs = r.Runs.Select(rs => rs.Select(run => StabilityCertificate.Compute(run.Model)).ToArray()).ToArray();
        Eigenvalues(dir, r, certs);
        var stability = new CsvTable("eps_train", "seed", "gamma", "bound_8a2g_over_beta", "max_lambda_eff", "max_re_jacobian",
            "stable_by_bound", "stable_by_spectrum", "settling_time", "max_fixed_point_residual");
        var models = new JsonArray();
        var overlap = r.Overlap; var accuracy = r.Accuracy; var fraction = r.Fraction;
        for (int i = 0; i < o.TrainNoises.Length; i++)
        {
            for (int s = 0; s < o.Seeds; s++)
            {
                var c = certs[i][s];
                stability.AddRow(o.TrainNoises[i], r.Runs[i][s].Seed, c.Gamma, c.Bound, c.MaxLambdaEffective, c.MaxRealJacobian,
                    c.StableByBound ? 1 : 0, c.StableBySpectrum ? 1 : 0, c.SettlingTime, c.MaxFixedPointResidual);
            }
            double plateau = 0;
            for (int j = 0; j < o.TestNoises.Length && overlap[i][j] >= 0.95; j++) plateau = o.TestNoises[j];
            int rises = 0;
            for (int j = 1; j < o.TestNoises.Length; j++) if (overlap[i][j] > overlap[i][j - 1] + 0.01) rises++;
            models.Add(new JsonObject
            {
                ["eps_train"] = o.TrainNoises[i], ["seeds"] = o.Seeds,
                ["overlap_at_zero"] = overlap[i][0], ["accuracy_at_zero"] = accuracy[i][0], ["overlap_at_max_eps_test"] = overlap[i][^1],
                ["plateau_eps_test_mf_ge_0_95"] = plateau, ["monotone_within_0_01"] = rises == 0,
                ["eigen_fraction_f"] = fraction[i],
                ["eigen_fraction_f_per_seed"] = new JsonArray(r.Runs[i].Select(run => (JsonNode)JsonValue.Create(run.Perturbation.Fraction)!).ToArray()),
                ["all_attractors_stable"] = certs[i].All(c => c.StableByBound && c.StableBySpectrum),
                ["max_lambda_eff_over_bound"] = certs[i].Max(c => c.MaxLambdaEffective / c.Bound),
                ["max_re_jacobian"] = certs[i].Max(c => c.MaxRealJacobian),
                ["settling_time"] = certs[i].Average(c => c.SettlingTime),
            });
        }
        stability.Save(Path.Combine(dir, "stability.csv"));
        int best = Array.IndexOf(fraction, fraction.Max());
        var doc = new JsonObject
        {
            ["study"] = "letters", ["quick"] = quick, ["eval_horizon"] = o.Steps * 0.1, ["eval_dt"] = 0.1, ["seeds"] = o.Seeds,
            ["epochs"] = o.Epochs, ["copies"] = o.Copies, ["fraction_sigma"] = r.Runs[0][0].Perturbation.FractionSigma, ["test_copies"] = o.TestCopies, ["draws"] = o.Draws,
            ["eps_train_with_largest_f"] = o.TrainNoises[best], ["fig4_eps_train"] = r.Fig4TrainNoise, ["models"] = models,
        };
        JsonOutput.Write(Path.Combine(dir, "summary.json"), doc);
        return doc;
    }

    private static void Fig3(string dir, LettersStudyResult r)
    {
        var o = r.Options;
        var seeds = o.Seeds > 1 ? $", mean of {o.Seeds} models" : "";
        var plot = new LinePlot { Title = $"Fig. 3: m_f vs ε_test per ε_train, T = {o.Steps * 0.1:G3}{seeds}", XLabel = "ε_test", YLabel = "m_f" };
        var overlap = r.Overlap;
        for (int i = 0; i < o.TrainNoises.Length; i++) plot.Add($"ε_train = {o.TrainNoises[i]:G2}", o.TestNoises, overlap[i]).Marker = MarkerShape.Circle;
        var refLine = plot.Add("m_f = 0.95", [o.TestNoises[0], o.TestNoises[^1]], [0.95, 0.95]);
        refLine.Color = new Rgba32(120, 120, 120); refLine.LineWidth = 0.8;
        // A random input lands in one of the K attractors: m_f = 1/K + (1 − 1/K)(1 − 4b/N), the mean overlap with a random one.
        var cfg = r.Runs[0][0].Model.Config;
        double chance = 1.0 / cfg.K + (1 - 1.0 / cfg.K) * (1 - 4.0 * cfg.BlockWidth / cfg.N);
        var chanceLine = plot.Add($"random attractor ({chance:F2})", [o.TestNoises[0], o.TestNoises[^1]], [chance, chance]);
        chanceLine.Color = new Rgba32(190, 190, 190); chanceLine.LineWidth = 0.8;
        plot.Save(Path.Combine(dir, "fig3-overlap-vs-noise"), 960, 580);
        var csv = new CsvTable("eps_train", "seed", "eps_test", "overlap", "accuracy");
        for (int i = 0; i < o.TrainNoises.Length; i++)
            foreach (var run in r.Runs[i])
                for (int j = 0; j < o.TestNoises.Length; j++) csv.AddRow(o.TrainNoises[i], run.Seed, o.TestNoises[j], run.Overlap[j], run.Accuracy[j]);
        csv.Save(Path.Combine(dir, "fig3-overlap-vs-noise.csv"));
    }

    private static void Fig4(string dir, LettersStudyResult r)
    {
        var plot = new LinePlot { Title = $"Fig. 4a: MSE(t) over letters D, ε_train = {r.Fig4TrainNoise:G2} (floor 1e-12)", XLabel = "t", YLabel = "MSE(t)", LogY = true };
        var csv = new CsvTable("eps_test", "t", "mse");
        for (int j = 0; j < r.Fig4TestNoises.Length; j++)
        {
            var ts = Enumerable.Range(0, r.MseCurves[j].Length).Select(s => s * 0.1).ToArray();
            plot.Add($"ε_test = {r.Fig4TestNoises[j]:G2}", ts, r.MseCurves[j].Select(v => Math.Max(v, 1e-12)).ToArray());
            for (int s = 0; s < ts.Length; s++) csv.AddRow(r.Fig4TestNoises[j], ts[s], r.MseCurves[j][s]);
        }
        plot.Save(Path.Combine(dir, "fig4-mse-trajectory"), 900, 540);
        csv.Save(Path.Combine(dir, "fig4-mse-trajectory.csv"));
        int right = r.SampleMse.Count(v => v < 1e-3);
        var hist = new Histogram
        {
            Title = $"Fig. 4b: final MSE, ε_test = {r.Fig4TestNoise:G2}: {right} of {r.SampleMse.Length} at ≈ 0",
            XLabel = "MSE(T)", YLabel = "samples", Bins = 40,
        };
        hist.Add("samples", r.SampleMse);
        hist.Save(Path.Combine(dir, "fig4-mse-histogram"), 900, 540);
        hist.SaveCsv(Path.Combine(dir, "fig4-mse-histogram.csv"));
    }

    private static void Fig5(string dir, LettersStudyResult r)
    {
        var p = r.Runs[r.Fig4Index][0].Perturbation;
        int n = p.Order.Length, above = p.Mse.Count(row => row[^1] > p.Threshold);
        var plot = new LinePlot
        {
            Title = $"Fig. 5: one c_j of A + N(0, σ²), ε_train = {r.Fig4TrainNoise:G2}: {above} of {n} over 5 % at σ = {p.Sigmas[^1]:G2}",
            XLabel = "component j, sorted by the MSE it causes at the largest σ", YLabel = "sample MSE at T (floor 1e-20)", LogY = true,
        };
        var rank = Enumerable.Range(0, n).Select(k => (double)k).ToArray();
        var csv = new CsvTable("rank", "component", "sigma", "sample_mse");
        for (int s = 0; s < p.Sigmas.Length; s++)
        {
            var y = Enumerable.Range(0, n).Select(k => p.Mse[k][s]).ToArray();
            double sg = p.Sigmas[s];
            if (p.Sigmas.Length <= 5 || sg is 0.5 or 1 or 2 or 3 or 4 || s == p.Sigmas.Length - 1)
                plot.Add($"σ = {p.Sigmas[s]:G2}", rank, y.Select(v => Math.Max(v, 1e-20)).ToArray()).Marker = MarkerShape.Circle;
            for (int k = 0; k < n; k++) csv.AddRow(k, p.Order[k], p.Sigmas[s], y[k]);
        }
        var thr = plot.Add("5 % threshold", [0, n - 1], [p.Threshold, p.Threshold]);
        thr.Color = Rgba32.Black; thr.LineWidth = 0.8;
        plot.Save(Path.Combine(dir, "fig5-eigen-perturbation"), 960, 560);
        csv.Save(Path.Combine(dir, "fig5-eigen-perturbation.csv"));
    }

    private static void Fig6(string dir, LettersStudyResult r)
    {
        var o = r.Options;
        double sigma = r.Runs[0][0].Perturbation.FractionSigma;
        var f = new LinePlot { Title = $"Fraction f perturbable together at σ = {sigma:G2}", XLabel = "ε_train", YLabel = "f", YMin = 0 };
        f.Add(o.Seeds > 1 ? $"mean of {o.Seeds} models" : "f", o.TrainNoises, r.Fraction).Marker = MarkerShape.Circle;
        if (o.Seeds > 1)
        {
            var xs = r.Runs.SelectMany(rs => rs.Select(run => run.TrainNoise)).ToArray();
            var ys = r.Runs.SelectMany(rs => rs.Select(run => run.Perturbation.Fraction)).ToArray();
            var each = f.Add("each model", xs, ys);
            each.ShowLine = false; each.Marker = MarkerShape.Square; each.Opacity = 0.5;
        }
        var joint = new LinePlot { Title = "Joint MSE, k least sensitive c_j perturbed", XLabel = "k / N", YLabel = "sample MSE", LogY = true };
        var csv = new CsvTable("eps_train", "seed", "k", "joint_mse", "threshold", "fraction");
        for (int i = 0; i < o.TrainNoises.Length; i++)
        {
            foreach (var run in r.Runs[i])
            {
                var p = run.Perturbation;
                for (int k = 1; k <= p.JointMse.Length; k++) csv.AddRow(run.TrainNoise, run.Seed, k, p.JointMse[k - 1], p.Threshold, p.Fraction);
            }
            var p0 = r.Runs[i][0].Perturbation;
            int n = p0.JointMse.Length;
            joint.Add($"ε_train = {o.TrainNoises[i]:G2}", Enumerable.Range(1, n).Select(k => (double)k / n).ToArray(), p0.JointMse.Select(v => Math.Max(v, 1e-12)).ToArray());
        }
        var thr = r.Runs[0][0].Perturbation.Threshold;
        var line = joint.Add("5 % threshold", [0, 1], [thr, thr]);
        line.Color = Rgba32.Black; line.LineWidth = 0.8;
        var fig = new Figure(1, 2) { Title = "Robustness in reciprocal space, letter A (Fig. 6)" };
        fig.Add(f).Add(joint);
        fig.Save(Path.Combine(dir, "fig6-fraction-vs-train-noise"), 1300, 520);
        csv.Save(Path.Combine(dir, "fig6-fraction-vs-train-noise.csv"));
    }

    private static void Fig7(string dir, LettersStudyResult r)
    {
        var model = r.Runs[r.Fig4Index][0].Model;
        var runner = new SaNodeRunner<float>(model);
        runner.Refresh();
        var clean = Letters.Create(1);
        var noisy = Noise.Corrupt(clean, 0.2, seed: 5);
        var xT = new float[noisy.Pixels.Length];
        runner.Predict(noisy.Pixels, noisy.Count, new SolverOptions(ButcherTableau.Euler, 0.1, r.Options.Steps, Clip: 10 * model.Config.A), xT);
        var grid = new ImageGrid
        {
            Title = $"Letters, ε = 0.2 → x(T = {r.Options.Steps * 0.1:G3}) → target (Fig. 2/7)",
            Columns = 5, RowLabels = ["clean", "input", "output", "target"],
        };
        double a = model.Config.A;
        float Ink(float v) => 1 - v;
        float State(float v) => (float)Math.Clamp((v + a) / (2 * a), 0, 1);
        for (int k = 0; k < 5; k++) grid.Add(clean.Image(k).ToArray().Select(Ink).ToArray(), 7, 7, Letters.ClassNames[k]);
        for (int k = 0; k < 5; k++) grid.Add(noisy.Image(k).ToArray().Select(Ink).ToArray(), 7, 7);
        for (int k = 0; k < 5; k++) grid.Add(xT.AsSpan(k * 49, 49).ToArray().Select(State).ToArray(), 7, 7);
        for (int k = 0; k < 5; k++) grid.Add(model.Patterns.Row(k).ToArray().Select(State).ToArray(), 7, 7, $"φ({k})");
        grid.Save(Path.Combine(dir, "fig7-input-output-target"), 680, 640);
    }

    private static void Eigenvalues(string dir, LettersStudyResult r, StabilityCertificate[][] certs)
    {
        int pick = r.Fig4Index;
        var run = r.Runs[pick][0];
        var c = certs[pick][0];
        var hist = new Histogram
        {
            Title = $"λ before/after training, ε_train = {run.TrainNoise:G2}; bound 8a²|γ|/β = {c.Bound:F1}",
            XLabel = "λ (effective, clipped to the bound − 0.1)", YLabel = "count", Bins = 30,
        };
        hist.Add("at initialisation", run.Initial.Lambda.ToArray());
        hist.Add("trained", c.LambdaEffective);
        hist.Save(Path.Combine(dir, "eigenvalues-before-after"), 900, 520);
        var csv = new CsvTable("eps_train", "seed", "stage", "index", "lambda");
        for (int i = 0; i < r.Runs.Length; i++)
            for (int s = 0; s < r.Runs[i].Length; s++)
            {
                var init = r.Runs[i][s].Initial.Lambda.ToArray();
                for (int k = 0; k < init.Length; k++) csv.AddRow(r.Runs[i][s].TrainNoise, r.Runs[i][s].Seed, "initial", k, init[k]);
                var eff = certs[i][s].LambdaEffective;
                for (int k = 0; k < eff.Length; k++) csv.AddRow(r.Runs[i][s].TrainNoise, r.Runs[i][s].Seed, "trained", k, eff[k]);
            }
        csv.Save(Path.Combine(dir, "eigenvalues-before-after.csv"));
    }
}
