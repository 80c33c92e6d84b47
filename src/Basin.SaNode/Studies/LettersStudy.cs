using Basin.Data;
using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.SaNode.Studies;

/// <summary>Options of the letters study (SA-nODE paper §IV, Fig. 3, 4 and 7).</summary>
/// <param name="TrainNoises">ε_train values, one model each.</param>
/// <param name="TestNoises">ε_test values of the m_f curves.</param>
/// <param name="Copies">Training copies per letter.</param>
/// <param name="TestCopies">Test copies per letter and ε_test.</param>
/// <param name="Epochs">Training epochs per model.</param>
/// <param name="Steps">Evaluation steps (T = Steps·0.1).</param>
/// <param name="Seed">Seed of models, noise and shuffling.</param>
/// <param name="Sigmas">Eigen-coefficient perturbation amplitudes (Fig. 5–6).</param>
/// <param name="Draws">Noise draws per sample MSE in Fig. 5–6.</param>
public sealed record LettersStudyOptions(double[] TrainNoises, double[] TestNoises, int Copies = 40, int TestCopies = 100, int Epochs = 40,
    int Steps = 400, ulong Seed = 1, double[]? Sigmas = null, int Draws = 20)
{
    /// <summary>The paper's grid: ε_train ∈ {0, 0.1, …, 0.5}, ε_test ∈ {0, 0.05, …, 0.7}, T = 40, σ ∈ {0.1, …, 1}.</summary>
    public static LettersStudyOptions Paper => new([0, 0.1, 0.2, 0.3, 0.4, 0.5], Enumerable.Range(0, 15).Select(i => i * 0.05).ToArray(),
        Sigmas: Enumerable.Range(1, 10).Select(i => i * 0.1).ToArray());

    /// <summary>A small grid for tests.</summary>
    public static LettersStudyOptions Quick => new([0, 0.3], [0, 0.2, 0.4], Copies: 20, TestCopies: 20, Epochs: 12, Steps: 200,
        Sigmas: [0.5, 1.0], Draws: 4);
}

/// <summary>Results of the letters study.</summary>
/// <param name="Options">The grid that was run.</param>
/// <param name="Overlap">m_f[ε_train index][ε_test index] (Fig. 3).</param>
/// <param name="Accuracy">H[ε_train index][ε_test index].</param>
/// <param name="Fig4TrainNoise">ε_train of the model used for Fig. 4.</param>
/// <param name="Fig4TestNoises">ε_test of each MSE(t) curve.</param>
/// <param name="MseCurves">MSE(t) averaged over samples, per ε_test of the Fig. 4 panel, for the model trained at Fig4TrainNoise.</param>
/// <param name="Fig4TestNoise">ε_test of the histogram.</param>
/// <param name="SampleMse">Per-sample final MSE for the Fig. 4 histogram (ε_test = Fig4TestNoise).</param>
/// <param name="Models">The trained models, per ε_train.</param>
/// <param name="Perturbation">Fig. 5–6 analysis of letter A per ε_train.</param>
public sealed record LettersStudyResult(LettersStudyOptions Options, double[][] Overlap, double[][] Accuracy, double Fig4TrainNoise,
    double[] Fig4TestNoises, double[][] MseCurves, double Fig4TestNoise, double[] SampleMse, SaNodeModel<float>[] Models,
    EigenPerturbationResult[] Perturbation);

/// <summary>
/// The 7×7 letters study of Marino et al. (2024, §IV): one SA-nODE per training noise ε_train, scored by the mean overlap m_f
/// against test noise ε_test (Fig. 3: monotone decay, training noise widens the plateau), the MSE along the trajectory and the
/// bimodal distribution of final per-sample MSE (Fig. 4), and the models for the input/output/target pictures (Fig. 7).
/// </summary>
public static class LettersStudy
{
    /// <summary>Runs the study; <paramref name="progress"/> receives short status lines.</summary>
    public static LettersStudyResult Run(LettersStudyOptions o, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var config = new SaNodeConfig { N = Letters.Rows * Letters.Cols, K = Letters.ClassNames.Count };
        var eval = new SolverOptions(ButcherTableau.Euler, 0.1, o.Steps, Clip: 10 * config.A);
        var models = new SaNodeModel<float>[o.TrainNoises.Length];
        var overlap = new double[o.TrainNoises.Length][];
        var acc = new double[o.TrainNoises.Length][];
        for (int i = 0; i < o.TrainNoises.Length; i++)
        {
            double eps = o.TrainNoises[i];
            progress?.Report($"training the ε_train = {eps:G2} model");
            var model = new SaNodeModel<float>(config, new Rng(o.Seed));
            var trainer = new SaNodeTrainer(model, new SaNodeTrainOptions
            {
                Epochs = o.Epochs, BatchSize = 50, Steps = 55, LearningRate = 0.01, NoiseTrain = eps, Seed = o.Seed,
            });
            trainer.Run(Letters.Create(o.Copies), null, null, cancel: cancel);
            models[i] = model;
            overlap[i] = new double[o.TestNoises.Length];
            acc[i] = new double[o.TestNoises.Length];
            for (int j = 0; j < o.TestNoises.Length; j++)
            {
                var m = SaNodeEvaluator.Evaluate(trainer.Runner, Letters.Create(o.TestCopies), eval, noise: o.TestNoises[j],
                    noiseSeed: 1000 + j, cancel: cancel);
                overlap[i][j] = m.Overlap;
                acc[i][j] = m.Accuracy;
            }
        }
        int pick = Array.FindIndex(o.TrainNoises, e => Math.Abs(e - 0.3) < 1e-9);
        if (pick < 0) pick = o.TrainNoises.Length - 1;
        double[] fig4Tests = [0, 0.2, 0.4, 0.6];
        progress?.Report("MSE along the trajectory (Fig. 4, letter D)");
        var runner = new SaNodeRunner<float>(models[pick]);
        var patterns = models[pick].Patterns.ToArray();
        int n = config.N;
        var curves = new double[fig4Tests.Length][];
        for (int j = 0; j < fig4Tests.Length; j++)
        {
            var all = Letters.Create(o.TestCopies * 4);
            var test = all.Subset(Enumerable.Range(0, all.Count).Where(i => all.Labels[i] == 3).ToArray());
            var sums = new double[o.Steps + 1];
            SaNodeEvaluator.Evaluate(runner, test, eval, noise: fig4Tests[j], noiseSeed: 77 + j, cancel: cancel,
                observer: (start, step, x) =>
                {
                    int rows = x.Length / n;
                    for (int r = 0; r < rows; r++)
                    {
                        var t = patterns.AsSpan(test.Labels[start + r] * n, n);
                        double e = 0;
                        for (int q = 0; q < n; q++) { double d = x[r * n + q] - t[q]; e += d * d; }
                        sums[step] += e / n;
                    }
                });
            curves[j] = sums.Select(s => s / test.Count).ToArray();
        }
        const double histNoise = 0.6;
        var hm = SaNodeEvaluator.Evaluate(runner, Letters.Create(o.TestCopies * 4), eval, noise: histNoise, noiseSeed: 4242,
            keepSampleMse: true, cancel: cancel);
        var sigmas = o.Sigmas ?? [0.5, 1.0];
        var pert = new EigenPerturbationResult[models.Length];
        var letterA = Letters.Pattern(0);
        for (int i = 0; i < models.Length; i++)
        {
            progress?.Report($"eigen-coefficient perturbations of letter A (Fig. 5–6), ε_train = {o.TrainNoises[i]:G2}");
            pert[i] = EigenPerturbation.Run(models[i], letterA, 0, sigmas, o.Draws, eval, o.Seed + 17);
        }
        return new LettersStudyResult(o, overlap, acc, o.TrainNoises[pick], fig4Tests, curves, histNoise, hm.SampleMse.ToArray(), models, pert);
    }
}
