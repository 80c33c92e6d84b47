using BenchmarkDotNet.Attributes;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;

namespace Basin.Benchmarks;

/// <summary>
/// One SA-nODE training step in float32 (coupling, forward through S Euler steps, backward, Adam), the case of the
/// spec: N = 784, batch 250, 55 steps. Model FLOPs per step: 6·B·N²·S + 10·N³ ≈ 51.6 GFLOP.
/// `basin bench sanode` runs the same step next to PyTorch.
/// </summary>
[MemoryDiagnoser]
public class SaNodeBenchmarks
{
    private SaNodeTrainer _trainer = null!;
    private float[] _x0 = null!, _y = null!;
    private SolverOptions _solver = null!;

    [Params(55)]
    public int Steps { get; set; }

    [Params(250)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int n = 784;
        _trainer = new SaNodeTrainer(new SaNodeModel<float>(new SaNodeConfig { N = n, K = 10 }, new Rng(1)),
            new SaNodeTrainOptions { BatchSize = Batch, Steps = Steps });
        var rng = new Rng(2);
        _x0 = new float[Batch * n]; rng.FillUniform<float>(_x0, 0, 1);
        _y = new float[Batch * n];
        var pats = _trainer.Model.Patterns.ToArray();
        for (int i = 0; i < Batch; i++) pats.AsSpan((i % 10) * n, n).CopyTo(_y.AsSpan(i * n, n));
        _solver = new SolverOptions(ButcherTableau.Euler, 0.1, Steps, Clip: 5);
    }

    [Benchmark]
    public double TrainingStep() => _trainer.Step(_x0, _y, Batch, _solver, 1e-3);
}
