using System.Diagnostics;
using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;

namespace Basin.Studies.Demo;

/// <summary>Options of <see cref="LettersDemo"/>: the recipe of <c>basin demo</c>.</summary>
public sealed record LettersDemoOptions
{
    /// <summary>Training epochs over 40 noisy copies (ε = 0.1) of each letter A–E.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Seed of the initialisation, the training noise and the batch order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Test noise levels ε: ⌊49ε⌋ pixels of each image replaced by uniform values in [0, 1) (<see cref="Noise"/>).</summary>
    public IReadOnlyList<double> TestNoise { get; init; } = [0.0, 0.1, 0.2, 0.3];
}

/// <summary>One row of the demo's score table: SA-nODE on 100 copies of each letter under test noise ε.</summary>
public sealed record LettersDemoScore(double Epsilon, double Accuracy, long Perfect, long Count, double Overlap, double NearestAccuracy);

/// <summary>
/// What <see cref="LettersDemo.Run"/> returns: the training summary, the scores, and (not serialised) the states the
/// picture is drawn from.
/// </summary>
public sealed record LettersDemoResult(int Epochs, int TrainCount, double Seconds, double Loss, double Gamma, double SettlingTime,
                                      IReadOnlyList<LettersDemoScore> Scores)
{
    /// <summary>The states of the picture: clean and noisy (ε = 0.2) letters, x(T) of the noisy ones, the attractors.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LettersDemoStates States { get; init; } = null!;
}

/// <summary>
/// Five letters each as a row of 49 values: clean inputs and their ε = 0.2 corruption in [0, 1], the states x(T) reached
/// from the noisy inputs and the planted attractors φ(k), both in [−a, a].
/// </summary>
public sealed record LettersDemoStates(float[][] Clean, float[][] Noisy, float[][] Final, float[][] Attractors, double A);

/// <summary>
/// The main job on built-in data (Marino et al. 2024, Sec. 3 with the 7×7 letters of Fig. 3): an SA-nODE with N = 49 nodes
/// and K = 5 planted attractors φ(k), dx/dt = −∇V(x) + βAx, trained by Adam (lr 0.01, batch 50) on the mean squared
/// distance of x(T) to the input's attractor with T = 5.5 (55 Euler steps of Δt = 0.1) and ε_train = 0.1, then evaluated
/// at T = 60 (600 steps): H is the share of inputs whose sign overlap m = (1/N) Σᵢ sign(xᵢ(T)) sign(φ_y,i) with their own attractor
/// reaches 0.95 (<see cref="SaNodeEvaluator"/>).
/// </summary>
public static class LettersDemo
{
    /// <summary>Trains and evaluates; deterministic for <see cref="LettersDemoOptions.Seed"/>.</summary>
    public static LettersDemoResult Run(LettersDemoOptions options, CancellationToken cancel = default)
    {
        if (options.Epochs < 1) throw new ArgumentException("Epochs must be ≥ 1.");
        var sw = Stopwatch.StartNew();
        ulong seed = options.Seed;
        var train = Letters.Create(copies: 40, epsilon: 0.1, seed: (int)(seed % int.MaxValue));
        var config = new SaNodeConfig { N = 49, K = 5 };
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(config, new Rng(seed)),
            new SaNodeTrainOptions { Epochs = options.Epochs, BatchSize = 50, Steps = 55, LearningRate = 0.01, NoiseTrain = 0.1, Seed = seed });
        trainer.Run(train, null, null, cancel: cancel);
        var last = trainer.History[^1];
        var eval = new SolverOptions(ButcherTableau.Euler, 0.1, 600, Clip: 10 * config.A);
        var scores = new List<LettersDemoScore>();
        foreach (var eps in options.TestNoise)
        {
            var m = SaNodeEvaluator.Evaluate(trainer.Runner, Letters.Create(copies: 100), eval, noise: eps, noiseSeed: 7, cancel: cancel);
            scores.Add(new LettersDemoScore(eps, m.Accuracy, m.Perfect, m.Count, m.Overlap, m.NearestAccuracy));
        }

        var inputs = Letters.Create(copies: 1);
        var noisy = Noise.Corrupt(inputs, 0.2, seed: 3);
        var xT = new float[noisy.Pixels.Length];
        trainer.Runner.Refresh();
        trainer.Runner.Predict(noisy.Pixels, inputs.Count, eval, xT);
        var states = new LettersDemoStates(
            Rows(k => inputs.Image(k).ToArray()), Rows(k => noisy.Image(k).ToArray()),
            Rows(k => xT.AsSpan(k * 49, 49).ToArray()), Rows(k => trainer.Model.Patterns.Row(k).ToArray()), config.A);
        return new LettersDemoResult(options.Epochs, train.Count, sw.Elapsed.TotalSeconds, last.Loss, trainer.Model.Gamma,
            trainer.Model.SettlingTime(), scores) { States = states };
    }

    private static float[][] Rows(Func<int, float[]> row) => Enumerable.Range(0, 5).Select(row).ToArray();
}
