using System.CommandLine;
using Basin.Dfsa.Estimation;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Studies.Dfsa;
using Spectre.Console;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin dfsa train</c>: data-free training on a weighted sum of metric terms.</summary>
public static class DfsaTrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var preset = new Option<string?>("--preset") { Description = $"Term weights of a nested ring: {string.Join(", ", Presets.Names)}." };
        preset.AcceptOnlyFromAmong([.. Presets.Names]);
        var terms = new Option<string[]>("--term")
        {
            Description = "name=weight, repeatable; overrides the preset (negative weight = maximise, 0 removes). Terms: " + DfsaTermsCommand.TermList() + ".",
            DefaultValueFactory = _ => [],
        };
        var noStability = new Option<bool>("--no-stability") { Description = "Drop the stability terms (ablation)." };
        var arch = new Option<string>("--arch") { Description = "mlp, additive (NICE coupling), affine (RealNVP coupling) or cppn.", DefaultValueFactory = _ => "mlp" };
        arch.AcceptOnlyFromAmong("mlp", "additive", "affine", "cppn");
        var inDim = new Option<int>("--in") { Description = "Input width n (2 for cppn).", DefaultValueFactory = _ => 16 };
        var outDim = new Option<int?>("--out-dim") { Description = "Output width m (default: n; 3 for cppn)." };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width.", DefaultValueFactory = _ => 64 };
        var layers = new Option<int?>("--layers") { Description = $"Hidden layers (mlp, cppn) or coupling layers (default {Presets.Network(null).Layers}; the crypto preset's mlp: {Presets.Network("crypto").Layers})." };
        var condLayers = new Option<int>("--conditioner-layers") { Description = "Hidden layers in each coupling conditioner.", DefaultValueFactory = _ => 1 };
        var activation = new Option<string>("--activation") { Description = "Hidden activation (tanh, relu, leaky_relu, gelu, softplus, sigmoid).", DefaultValueFactory = _ => "tanh" };
        var outAct = new Option<string>("--output-activation") { Description = "MLP output activation (identity, tanh, sigmoid).", DefaultValueFactory = _ => "identity" };
        var gain = new Option<double?>("--init-gain") { Description = $"Multiplies the initial weights (default {Presets.Network(null).InitGain}; the crypto preset's mlp: {Presets.Network("crypto").InitGain}, the chaotic regime)." };
        var scaleBound = new Option<double>("--scale-bound") { Description = "Affine coupling: bound S of the log-scales.", DefaultValueFactory = _ => 2.0 };
        var input = new Option<string>("--input") { Description = "p(x): bits (±1), box ([−1,1]ⁿ), gaussian, sphere.", DefaultValueFactory = _ => "bits" };
        input.AcceptOnlyFromAmong([.. InputDistribution.Names]);
        var steps = new Option<int>("--steps") { Description = "Adam steps (one fresh batch each).", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch") { Description = "Samples per step.", DefaultValueFactory = _ => 128 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var clip = new Option<double>("--clip") { Description = "Global gradient-norm clip (0 = off).", DefaultValueFactory = _ => 1.0 };
        var seed = CommonOptions.Seed(0, "Seed of the initial weights, batches and probes.");
        var jac = new Option<string>("--jacobian") { Description = "auto (full Jacobian for n ≤ --full-max, else Hutchinson), full or hutchinson.", DefaultValueFactory = _ => "auto" };
        jac.AcceptOnlyFromAmong("auto", "full", "hutchinson");
        var fullMax = new Option<int>("--full-max") { Description = "Largest n for the full Jacobian in auto mode.", DefaultValueFactory = _ => 8 };
        var probes = new Option<int>("--probes") { Description = "Hutchinson probes per sample.", DefaultValueFactory = _ => 4 };
        var dtype = new Option<string>("--dtype") { Description = "f32 or f64 training.", DefaultValueFactory = _ => "f32" };
        dtype.AcceptOnlyFromAmong("f32", "f64");
        var output = CommonOptions.OutOptional("Model file to write (.safetensors).", required: true);
        var curves = new Option<string?>("--curves") { Description = "Directory for curves.csv/svg/png (default: MODEL.curves)." };
        var ckptEvery = new Option<int>("--checkpoint-every") { Description = "Write MODEL.ckpt every K steps (0 = off).", DefaultValueFactory = _ => 0 };
        var resume = new Option<string?>("--resume") { Description = "Continue from a checkpoint written by --checkpoint-every." };
        var json = CommonOptions.Json();
        var cmd = new Command("train", "Train a network with no dataset: each step draws x ∼ p(x) and takes an Adam step on Σ λ_i L_i.")
        {
            preset, terms, noStability, arch, inDim, outDim, hidden, layers, condLayers, activation, outAct, gain, scaleBound, input,
            steps, batch, lr, clip, seed, jac, fullMax, probes, dtype, output, curves, ckptEvery, resume, json,
        };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var a = NetworkSpec.ParseArchitecture(p.GetValue(arch)!);
            int n = a == Architecture.Cppn ? 2 : p.GetValue(inDim);
            int m = p.GetValue(outDim) ?? (a == Architecture.Cppn ? 3 : n);
            var shape = Presets.Network(a == Architecture.Mlp ? p.GetValue(preset) : null);
            var spec = new NetworkSpec(a, n, m, p.GetValue(hidden), p.GetValue(layers) ?? shape.Layers, p.GetValue(condLayers), p.GetValue(activation)!,
                p.GetValue(outAct)!, p.GetValue(scaleBound), p.GetValue(gain) ?? shape.InitGain).Validate();
            var training = new DfsaTrainOptions
            {
                Steps = p.GetValue(steps), BatchSize = p.GetValue(batch), LearningRate = p.GetValue(lr), ClipNorm = p.GetValue(clip), Seed = p.GetValue(seed),
                Estimator = new EstimatorOptions { Mode = Enum.Parse<JacobianMode>(p.GetValue(jac)!, ignoreCase: true), FullJacobianMaxDim = p.GetValue(fullMax), Probes = p.GetValue(probes) },
            }.Validate();
            var run = new DfsaRunOptions(spec, InputDistribution.Parse(p.GetValue(input)!), Objective.Build(p.GetValue(preset), p.GetValue(terms)!, p.GetValue(noStability)),
                p.GetValue(preset), training, p.GetValue(output)!, p.GetValue(curves), p.GetValue(ckptEvery), p.GetValue(resume), p.GetValue(noStability), p.GetValue(dtype) == "f64");
            bool lines = p.GetValue(json) || !Terminal.StderrIsTerminal;
            int every = Math.Max(1, training.Steps / 20);
            string Line(StepReport r) => $"step {r.Step}/{training.Steps} loss {r.Loss:G4} | " +
                string.Join(" ", run.Objective.Names.Zip(r.Values, (name, v) => $"{name} {v:G3}")) + $" | max|f| {r.MaxAbsOutput:G3}";
            var result = ProgressRunner.Run("training", training.Steps, progress => DfsaTrainingRun.Run(run, r =>
            {
                progress.Report(r.Step);
                if (lines && (r.Step % every == 0 || r.Step == training.Steps)) Terminal.Note(Line(r));
            }, ct), quiet: lines);
            if (p.GetValue(json))
            {
                JsonPrinter.Print(result.ToJson());
                return 0;
            }
            AnsiConsole.MarkupLine(result.Diverged ? $"[red]stopped:[/] {Markup.Escape(result.Reason!)}" : $"trained {result.Steps} steps in {result.Seconds:F1} s");
            AnsiConsole.MarkupLine($"model: {Markup.Escape(result.Model)}");
            if (result.Curves != null) AnsiConsole.MarkupLine($"curves: {Markup.Escape(result.Curves)}.svg/.png/.csv");
            return 0;
        });
        return cmd;
    }
}
