using Basin.Data;
using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.SaNode.Studies;

/// <summary>Options of the letters study (SA-nODE paper §IV, Fig. 3–7).</summary>
/// <param name="TrainNoises">ε_train values, one model per value and seed.</param>
/// <param name="TestNoises">ε_test values of the m_f curves.</param>
/// <param name="Copies">Training copies per letter.</param>
/// <param name="TestCopies">Test copies per letter and ε_test.</param>
/// <param name="Epochs">Training epochs per model.</param>
/// <param name="Steps">Evaluation steps (T = Steps·0.1; the paper's Fig. 3 uses T = 40).</param>
/// <param name="Seed">Seed of the first model; model s of each ε_train uses Seed + s (initialisation, shuffling, noise).</param>
/// <param name="Sigmas">Eigen-coefficient perturbation amplitudes (Fig. 5–6).</param>
/// <param name="Draws">Noise draws per sample MSE in Fig. 5–6.</param>
/// <param name="Seeds">Independently initialised and trained models per ε_train; curves and f are averaged over them.</param>
/// <param name="FractionSigma">σ of the joint perturbations that define f (the paper's Fig. 6: 1); null = the largest σ.</param>
public sealed record LettersStudyOptions(double[] TrainNoises, double[] TestNoises, int Copies = 40, int TestCopies = 100, int Epochs = 40,
    int Steps = 400, ulong Seed = 1, double[]? Sigmas = null, int Draws = 20, int Seeds = 1, double? FractionSigma = null)
{
    /// <summary>
    /// The paper's grid, extended to locate a turnover of Fig. 6: ε_train ∈ {0, 0.1, …, 0.6, 0.8}, ε_test ∈ {0, 0.05, …, 1}, T = 40,
    /// σ ∈ {0.1, …, 1} and beyond (1.5 … 4, where single coefficients start to matter), f at σ = 1; three seeds.
    /// </summary>
    public static LettersStudyOptions Paper => new([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8], Enumerable.Range(0, 21).Select(i => i * 0.05).ToArray(),
        Sigmas: Enumerable.Range(1, 10).Select(i => i * 0.1).Concat([1.5, 2, 3, 4]).ToArray(), Seeds: 3, FractionSigma: 1);

    /// <summary>A small grid for tests.</summary>
    public static LettersStudyOptions Quick => new([0, 0.3], [0, 0.2, 0.4, 0.7, 1.0], Copies: 20, TestCopies: 20, Epochs: 12, Steps: 200,
        Sigmas: [0.5, 1.0], Draws: 4);

    /// <summary>Validates the grid.</summary>
    public LettersStudyOptions Validate()
    {
        if (TrainNoises.Length == 0 || TestNoises.Length == 0) throw new ArgumentException("The letters study needs at least one ε_train and one ε_test.");
        if (TrainNoises.Concat(TestNoises).Any(e => !(e >= 0 && e <= 1))) throw new ArgumentException("Noise levels must lie in [0, 1].");
        if (Copies < 1 || TestCopies < 1 || Epochs < 1 || Steps < 1 || Draws < 1 || Seeds < 1)
            throw new ArgumentException("Copies, test copies, epochs, steps, draws and seeds must be positive.");
        return this;
    }
}

/// <summary>One trained model of the study.</summary>
/// <param name="TrainNoise">ε_train.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Initial">The same model before training (same seed), for the λ histogram.</param>
/// <param name="Model">The trained model.</param>
/// <param name="Overlap">m_f per ε_test.</param>
/// <param name="Accuracy">H per ε_test.</param>
/// <param name="Perturbation">Fig. 5–6 analysis of letter A.</param>
public sealed record LettersStudyModel(double TrainNoise, ulong Seed, SaNodeModel<float> Initial, SaNodeModel<float> Model, double[] Overlap,
    double[] Accuracy, EigenPerturbationResult Perturbation);

/// <summary>Results of the letters study.</summary>
/// <param name="Options">The grid that was run.</param>
/// <param name="Runs">Runs[ε_train index][seed index].</param>
/// <param name="Fig4TrainNoise">ε_train of the model used for Fig. 4 (0.3 when in the grid), its first seed.</param>
/// <param name="Fig4TestNoises">ε_test of each MSE(t) curve.</param>
/// <param name="MseCurves">MSE(t) over the letter-D samples, per ε_test of the Fig. 4 panel.</param>
/// <param name="Fig4TestNoise">ε_test of the histogram.</param>
/// <param name="SampleMse">Per-sample final MSE for the Fig. 4 histogram (ε_test = Fig4TestNoise).</param>
public sealed record LettersStudyResult(LettersStudyOptions Options, LettersStudyModel[][] Runs, double Fig4TrainNoise,
    double[] Fig4TestNoises, double[][] MseCurves, double Fig4TestNoise, double[] SampleMse)
{
    /// <summary>m_f[ε_train index][ε_test index], averaged over seeds (Fig. 3).</summary>
    public double[][] Overlap => Runs.Select(rs => Mean(rs.Select(r => r.Overlap))).ToArray();

    /// <summary>H[ε_train index][ε_test index], averaged over seeds.</summary>
    public double[][] Accuracy => Runs.Select(rs => Mean(rs.Select(r => r.Accuracy))).ToArray();

    /// <summary>The fraction f per ε_train, averaged over seeds (Fig. 6).</summary>
    public double[] Fraction => Runs.Select(rs => rs.Average(r => r.Perturbation.Fraction)).ToArray();

    /// <summary>Index of the Fig. 4 model's ε_train.</summary>
    public int Fig4Index => Array.IndexOf(Options.TrainNoises, Fig4TrainNoise);

    private static double[] Mean(IEnumerable<double[]> rows)
    {
        var list = rows.ToList();
        return Enumerable.Range(0, list[0].Length).Select(j => list.Average(r => r[j])).ToArray();
    }
}

/// <summary>
/// The 7×7 letters study of Marino et al. (2024, §IV): SA-nODEs trained per training noise ε_train (several seeds each),
/// scored by the mean overlap m_f against test noise ε_test (Fig. 3: monotone decay, training noise widens the plateau),
/// the MSE along the trajectory and the bimodal distribution of final per-sample MSE (Fig. 4), eigen-coefficient
/// perturbations of letter A (Fig. 5–6), and the models for the input/output/target pictures (Fig. 7) and the stability report.
/// Training follows <c>basin demo</c>: 40 copies per letter, batches of 50, 55 Euler steps of 0.1, Adam at 0.01.
/// </summary>
public static class LettersStudy
{
    /// <summary>Runs the study; <paramref name="progress"/> receives short status lines.</summary>
    public static LettersStudyResult Run(LettersStudyOptions o, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        o.Validate();
        var config = new SaNodeConfig { N = Letters.Rows * Letters.Cols, K = Letters.ClassNames.Count };
        var eval = new SolverOptions(ButcherTableau.Euler, 0.1, o.Steps, Clip: 10 * config.A);
        var sigmas = o.Sigmas ?? [0.5, 1.0];
        var letterA = Letters.Pattern(0);
        var runs = new LettersStudyModel[o.TrainNoises.Length][];
        for (int i = 0; i < o.TrainNoises.Length; i++)
        {
            double eps = o.TrainNoises[i];
            runs[i] = new LettersStudyModel[o.Seeds];
            for (int s = 0; s < o.Seeds; s++)
            {
                ulong seed = o.Seed + (ulong)s;
                progress?.Report($"ε_train = {eps:G2}, seed {seed}: training, m_f against ε_test, eigen-coefficient perturbations of A");
                var model = new SaNodeModel<float>(config, new Rng(seed));
                var initial = new SaNodeModel<float>(config, new Rng(seed));
                var trainer = new SaNodeTrainer(model, new SaNodeTrainOptions
                {
                    Epochs = o.Epochs, BatchSize = 50, Steps = 55, LearningRate = 0.01, NoiseTrain = eps, Seed = seed,
                });
                trainer.Run(Letters.Create(o.Copies), null, null, cancel: cancel);
                var overlap = new double[o.TestNoises.Length];
                var acc = new double[o.TestNoises.Length];
                for (int j = 0; j < o.TestNoises.Length; j++)
                {
                    var m = SaNodeEvaluator.Evaluate(trainer.Runner, Letters.Create(o.TestCopies), eval, noise: o.TestNoises[j],
                        noiseSeed: 1000 + j, cancel: cancel);
                    overlap[j] = m.Overlap;
                    acc[j] = m.Accuracy;
                }
                var pert = EigenPerturbation.Run(model, letterA, 0, sigmas, o.Draws, eval, seed + 17, o.FractionSigma);
                runs[i][s] = new LettersStudyModel(eps, seed, initial, model, overlap, acc, pert);
            }
        }
        int pick = Array.FindIndex(o.TrainNoises, e => Math.Abs(e - 0.3) < 1e-9);
        if (pick < 0) pick = o.TrainNoises.Length - 1;
        double[] fig4Tests = [0, 0.2, 0.4, 0.6];
        progress?.Report("MSE along the trajectory and its histogram (Fig. 4, letter D)");
        var fig4Model = runs[pick][0].Model;
        var runner = new SaNodeRunner<float>(fig4Model);
        var patterns = fig4Model.Patterns.ToArray();
        int n = config.N;
        var curves = new double[fig4Tests.Length][];
        var all = Letters.Create(o.TestCopies * 4);
        var lettersD = all.Subset(Enumerable.Range(0, all.Count).Where(i => all.Labels[i] == 3).ToArray());
        for (int j = 0; j < fig4Tests.Length; j++)
        {
            var sums = new double[o.Steps + 1];
            SaNodeEvaluator.Evaluate(runner, lettersD, eval, noise: fig4Tests[j], noiseSeed: 77 + j, cancel: cancel,
                observer: (start, step, x) =>
                {
                    int rows = x.Length / n;
                    for (int r = 0; r < rows; r++)
                    {
                        var t = patterns.AsSpan(lettersD.Labels[start + r] * n, n);
                        double e = 0;
                        for (int q = 0; q < n; q++) { double d = x[r * n + q] - t[q]; e += d * d; }
                        sums[step] += e / n;
                    }
                });
            curves[j] = sums.Select(v => v / lettersD.Count).ToArray();
        }
        const double histNoise = 0.6;
        var hm = SaNodeEvaluator.Evaluate(runner, Letters.Create(o.TestCopies * 4), eval, noise: histNoise, noiseSeed: 4242,
            keepSampleMse: true, cancel: cancel);
        return new LettersStudyResult(o, runs, o.TrainNoises[pick], fig4Tests, curves, histNoise, hm.SampleMse.ToArray());
    }
}
