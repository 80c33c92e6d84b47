using System.CommandLine;
using Basin.Data;
using Basin.Stability;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin attack</c>: one attack of <see cref="AttackCatalogue"/> on the first N test images (<see cref="AttackEvaluation"/>)
/// — robust accuracy at a budget, or the median distance of a minimal-norm attack — with its per-image masking check.
/// </summary>
public static class AttackCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Classifier file (SA-nODE, MLP or logreg) or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.");
        var attack = new Option<string>("--attack") { Description = $"The attack: {AttackCatalogue.Describe()}.", DefaultValueFactory = _ => "pgd-margin-linf" };
        attack.HelpName = string.Join('|', AttackCatalogue.Names);
        attack.Validators.Add(r => { try { AttackCatalogue.Find(r.GetValueOrDefault<string>()!); } catch (ArgumentException e) { r.AddError(e.Message); } });
        var eps = new Option<double>("--eps") { Description = "Budget ε in the attack's norm (ignored by minimal-norm attacks).", DefaultValueFactory = _ => 0.1 };
        var count = new Option<int>("--count") { Description = "Attack the first N test images.", DefaultValueFactory = _ => 100 };
        var iterations = new Option<int>("--iterations") { Description = "PGD/APGD iterations (AutoAttack: 100; also HopSkipJump rounds).", DefaultValueFactory = _ => 20 };
        var restarts = new Option<int>("--restarts") { Description = "PGD random restarts.", DefaultValueFactory = _ => 1 };
        var queries = new Option<int>("--queries") { Description = "Square: score queries per image (AutoAttack: 5000).", DefaultValueFactory = _ => 500 };
        var rounds = new Option<int>("--rounds") { Description = "minimal-linf: bisection rounds on the budget.", DefaultValueFactory = _ => 10 };
        var surrogate = new Option<string?>("--surrogate") { Description = "Transfer attacks: the model whose gradients craft the examples (e.g. the MLP file)." };
        var steps = CommonStability.Steps();
        var precision = CommonStability.Precision();
        var batch = new Option<int>("--batch") { Description = "Images attacked together.", DefaultValueFactory = _ => 100 };
        var seed = CommonOptions.Seed(description: "Seed of random starts and probes.");
        var json = CommonOptions.Json();
        var smooth = new Option<double>("--smooth") { Description = "Attack the soft smoothed classifier E[softmax f(x + 𝒩(0, σ²I))] at this σ (Salman et al. 2019; 0 = the model itself).", DefaultValueFactory = _ => 0 };
        var smoothSamples = new Option<int>("--smooth-samples") { Description = "Fixed noise draws of the soft smoothed classifier.", DefaultValueFactory = _ => 64 };
        var craft = new Option<string?>("--craft-horizons")
        {
            Description = "SA-nODE, gradient attacks: crafting horizons, each judged at the evaluation horizon (--steps): 'standard' (training horizon from the model's metadata, evaluation horizon, and the average over 4 horizons between them; the default of autoattack-*), 'eval' (the evaluation horizon only), or a list such as '5.5,120,5.5+20+60+120' ('+' averages the scores of several horizons).",
        };
        var gradientFree = new Option<int>("--gradient-free") { Description = "Also run Square and SPSA (--queries each) at the same ε on the first N images: the masking gap as a number (0 = off).", DefaultValueFactory = _ => 0 };
        var save = new Option<string?>("--save") { Description = "Write up to 8 successful adversarial examples (original / adversarial / 5·|difference|) as PREFIX.png/.svg." };
        var cmd = new Command("attack", "Adversarial attack on the first N test images: clean and robust accuracy, minimal distances, masking check.")
            { model, dataset, attack, eps, count, iterations, restarts, queries, rounds, surrogate, steps, precision, batch, seed, json, smooth, smoothSamples, craft, gradientFree, save };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var options = CommonStability.ClassifierOptions(p, steps, precision);
            var c = ModelFiles.LoadClassifier(p.GetValue(model)!, options);
            if (p.GetValue(smooth) > 0) c = new Basin.Stability.Certification.SoftSmoothedClassifier(c, p.GetValue(smooth), p.GetValue(smoothSamples), p.GetValue(seed));
            var a = AttackCatalogue.Find(p.GetValue(attack)!);
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            IClassifier? sur = a.Kind != AttackKind.Transfer ? null
                : ModelFiles.LoadClassifier(p.GetValue(surrogate) ?? throw new ArgumentException($"--attack {a.Name} needs --surrogate FILE."), options);
            var settings = new AttackSettings(p.GetValue(iterations), p.GetValue(restarts), p.GetValue(queries), null, sur, p.GetValue(rounds), p.GetValue(seed));
            IReadOnlyList<CraftingHorizon>? crafting = null;
            if (c is SaNodeClassifier judge && a.Kind == AttackKind.Gradient && !a.MinimalNorm && (p.GetValue(craft) ?? (a is AutoAttack ? "standard" : null)) is { } spec)
            {
                var training = ModelFiles.TrainingHorizon(p.GetValue(model)!);
                crafting = spec == "standard" && training == null && p.GetValue(craft) == null ? null : CraftingHorizon.Parse(spec, judge, training);
            }
            else if (p.GetValue(craft) != null) throw new ArgumentException($"--craft-horizons needs an SA-nODE model and a gradient budget attack (not {a.Name}).");
            var o = new AttackEvaluationOptions(p.GetValue(eps), p.GetValue(count), p.GetValue(batch), settings) { Crafting = crafting, GradientFreeCount = p.GetValue(gradientFree) };
            int n = Math.Min(o.Count, data.Count);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = ProgressRunner.Run($"{a.Name} on {n} images", n, pr => AttackEvaluation.Run(c, data, a, o, pr, ct), quiet: p.GetValue(json));
            if (p.GetValue(save) is { } prefix && r.Examples.Count > 0) CommonStability.SaveExamples(prefix, r.Examples, a.Name);
            Terminal.Note($"{a.Name}: {sw.Elapsed.TotalSeconds:F1} s");
            if (p.GetValue(json)) { JsonPrinter.Print(r); return 0; }
            string dist = r.Norm == "l2" ? "L2" : "L∞";
            AnsiConsole.MarkupLine(Markup.Escape($"{r.Model}, {r.Attack}{(r.Eps is { } e ? $" ε = {e}" : "")}, {r.Count} test images: clean accuracy {r.CleanAccuracy:P1}") +
                (r.MedianCi95 is { } ci ? Markup.Escape($", median minimal {dist} {r.MedianDistance:F4} (95 % CI {ci[0]:F4}–{ci[1]:F4})") : $", robust accuracy {r.RobustAccuracy:P1}"));
            if (r.Wins is { } w) AnsiConsole.MarkupLine(Markup.Escape("fooled first by: " + string.Join(", ", w.Select(kv => $"{kv.Key} {kv.Value}"))));
            if (r.HorizonWins is { } hw) AnsiConsole.MarkupLine(Markup.Escape($"crafting horizons (judged at T = {r.Horizon:G4}), images fooled first: " + string.Join(", ", hw.Select(kv => $"{kv.Key} {kv.Value}"))));
            foreach (var g in r.GradientFree ?? [])
                AnsiConsole.MarkupLine(Markup.Escape($"gradient-free {g.Attack} on {g.Images} images: robust accuracy {g.RobustAccuracy:P1} vs gradient {g.GradientRobustAccuracy:P1} (gap {g.Gap:+0.0%;-0.0%;0.0%}, {g.OnlyWins} images only it fooled)"));
            AnsiConsole.MarkupLine($"masking check against {Markup.Escape(r.Reference)} on the same images: " +
                (r.MaskingSuspected ? $"[yellow]gradient masking suspected[/] ({r.ReferenceOnlyFailures} images)" : "[green]passed[/]"));
            return 0;
        });
        return cmd;
    }
}
