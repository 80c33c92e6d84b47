// Train a data-free stochastic attractor network (Kalafus 2024) on the "obfuscation" preset and measure it before and after
// with the same metric catalogue. No dataset: every Adam step draws a fresh batch x ∼ p(x) (here standard Gaussian in R⁸)
// and descends Σ λ_i L_i over the preset's terms (stochasticity + entropy + discontinuity + invertibility + geometry +
// stability). An additive (NICE) coupling network is exactly invertible by construction.
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Measurement;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;
using Basin.Tensors;

const string preset = "obfuscation";
var spec = new NetworkSpec(Architecture.AdditiveCoupling, InputDim: 8, OutputDim: 8, Hidden: 32, Layers: 4).Validate();
var input = InputDistribution.Parse("gaussian");
var network = spec.Create<double>(new Rng(1));
var measure = new MeasureOptions { Batches = 5, BatchSize = 128 };
var before = DfsaMeasurer.Measure(network, input, measure);

var trainer = new DfsaTrainer<double>(network, input, Objective.Build(preset, []),
    new DfsaTrainOptions { Steps = 150, BatchSize = 64, LearningRate = 3e-3, Seed = 1 }.Validate());
var result = trainer.Train();
if (result.Diverged) { Console.Error.WriteLine($"training diverged: {result.Reason}"); return 1; }
Console.WriteLine($"{spec.Architecture} {spec.InputDim}→{spec.OutputDim}, preset {preset}: {result.Steps} steps, " +
                  $"loss {result.History.Steps[0].Loss:G4} → {result.History.Steps[^1].Loss:G4}");

var after = DfsaMeasurer.Measure(network, input, measure);
Console.WriteLine($"{"metric",-26} {"before",12} {"after",12}   95 % CI after");
foreach (var term in TermCatalogue.All)
    if (before.Metrics.TryGetValue(term.Name, out var b) && after.Metrics.TryGetValue(term.Name, out var a))
        Console.WriteLine($"{term.Name,-26} {b.Mean,12:G4} {a.Mean,12:G4}   [{a.Lo:G3}, {a.Hi:G3}]  goal: {term.Goal.ToString().ToLowerInvariant()}");
Console.WriteLine($"{"distance_correlation",-26} {before.DistanceCorrelation.Mean,12:G4} {after.DistanceCorrelation.Mean,12:G4}");
Console.WriteLine($"{"lipschitz (E sup)",-26} {before.Lipschitz.Mean,12:G4} {after.Lipschitz.Mean,12:G4}");
return double.IsFinite(result.History.Steps[^1].Loss) ? 0 : 1;
