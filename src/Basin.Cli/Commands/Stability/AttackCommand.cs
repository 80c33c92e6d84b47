using Basin.Cli.Commands;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary><c>basin attack</c>: robust accuracy under one attack at one budget, or the minimal L2 distance, on the first N test images.</summary>
public static class AttackCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Classifier file (SA-nODE, MLP or logreg) or pretrained:mnist.");
        var dataset = new Option<string>("--dataset") { Description = "mnist, fashion or letters (test split).", DefaultValueFactory = _ => "mnist" };
        var attack = new Option<string>("--attack") { Description = "fgsm, pgd-linf, pgd-l2, deepfool (minimal L2) or noise.", DefaultValueFactory = _ => "pgd-linf" };
        attack.AcceptOnlyFromAmong("fgsm", "pgd-linf", "pgd-l2", "deepfool", "noise");
        var eps = new Option<double>("--eps") { Description = "Budget ε (L∞ for fgsm/pgd-linf/noise, L2 for pgd-l2).", DefaultValueFactory = _ => 0.1 };
        var count = new Option<int>("--count") { Description = "Attack the first N test images.", DefaultValueFactory = _ => 100 };
        var iterations = new Option<int>("--iterations") { Description = "PGD iterations.", DefaultValueFactory = _ => 20 };
        var restarts = new Option<int>("--restarts") { Description = "PGD random restarts.", DefaultValueFactory = _ => 1 };
        var loss = new Option<string>("--loss") { Description = "ce or margin.", DefaultValueFactory = _ => "margin" };
        loss.AcceptOnlyFromAmong("ce", "margin");
        var steps = new Option<int>("--steps") { Description = "SA-nODE: Euler steps of Δt = 0.1 for the scores (the horizon is reported).", DefaultValueFactory = _ => 55 };
        var json = CommonOptions.Json();
        var save = new Option<string?>("--save") { Description = "Write up to 8 successful adversarial examples (original / adversarial / 5·|difference|) as PREFIX.png/.svg." };
        var cmd = new Command("attack", "Adversarial attack on the first N test images: clean and robust accuracy, minimal L2 distances.")
            { model, dataset, attack, eps, count, iterations, restarts, loss, steps, json, save };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var c = ClassifierLoader.Load(p.GetValue(model)!, p.GetValue(steps));
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
            int n = Math.Min(p.GetValue(count), data.Count);
            if (n < 1) throw new ArgumentException("--count must be ≥ 1.");
            string kind = p.GetValue(attack)!;
            double e = p.GetValue(eps);
            var lossKind = p.GetValue(loss) == "ce" ? AttackLoss.CrossEntropy : AttackLoss.Margin;
            int clean = 0, robust = 0, noiseRobust = 0;
            var l2 = new List<double>();
            var examples = new List<(double[] X, double[] Adv, int Y, int Pred)>();
            for (int i = 0; i < n; i++)
            {
                ct.ThrowIfCancellationRequested();
                var x = CommonOptions.ImageAsDouble(data, i);
                int y = data.Labels[i];
                if (Attack.Predict(c, x) != y) continue;
                clean++;
                if (Attack.Predict(c, Attack.RandomNoise(x, e, (ulong)i + 1)) == y) noiseRobust++;
                switch (kind)
                {
                    case "deepfool":
                        var adv = Attack.MinimalL2(c, x, y);
                        l2.Add(adv is null ? double.PositiveInfinity : Math.Sqrt(adv.Zip(x, (a, b) => (a - b) * (a - b)).Sum()));
                        if (adv != null && examples.Count < 8) examples.Add((x, adv, y, Attack.Predict(c, adv)));
                        break;
                    default:
                        var a2 = kind switch
                        {
                            "fgsm" => Attack.Fgsm(c, x, y, e, Norm.LInf, lossKind),
                            "pgd-linf" => Attack.Pgd(c, x, y, e, Norm.LInf, p.GetValue(iterations), p.GetValue(restarts), lossKind, (ulong)i + 1),
                            "pgd-l2" => Attack.Pgd(c, x, y, e, Norm.L2, p.GetValue(iterations), p.GetValue(restarts), lossKind, (ulong)i + 1),
                            _ => Attack.RandomNoise(x, e, (ulong)i + 7),
                        };
                        int pred = Attack.Predict(c, a2);
                        if (pred == y) robust++;
                        else if (examples.Count < 8) examples.Add((x, a2, y, pred));
                        break;
                }
                if (!p.GetValue(json) && (i + 1) % 10 == 0) Console.Error.WriteLine($"  {i + 1}/{n} images");
            }
            if (p.GetValue(save) is { } prefix && examples.Count > 0) SaveExamples(prefix, examples, kind);
            var sorted = l2.OrderBy(v => v).ToArray();
            double? median = sorted.Length > 0 ? sorted[sorted.Length / 2] : null;
            double robustAcc = kind == "deepfool" ? double.NaN : (double)robust / n;
            // A real attack must do at least as well as random noise of the same L∞ budget; if noise flips more, gradients are not informative.
            bool masking = kind is "fgsm" or "pgd-linf" && noiseRobust < robust;
            var doc = new JsonObject
            {
                ["model"] = c.Name, ["attack"] = kind, ["eps"] = kind == "deepfool" ? null : e, ["count"] = n,
                ["clean_accuracy"] = (double)clean / n, ["robust_accuracy"] = kind == "deepfool" ? null : robustAcc,
                ["noise_accuracy"] = (double)noiseRobust / n, ["median_l2"] = median, ["masking_suspected"] = masking,
                ["iterations"] = p.GetValue(iterations), ["restarts"] = p.GetValue(restarts), ["loss"] = p.GetValue(loss),
            };
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
            AnsiConsole.MarkupLine($"{Markup.Escape(c.Name)}, {kind}{(kind == "deepfool" ? "" : $" ε = {e}")}, {n} test images: clean accuracy {(double)clean / n:P1}" +
                (kind == "deepfool" ? $", median minimal L2 {median:F4}" : $", robust accuracy {robustAcc:P1}") +
                $" (uniform noise of the same L∞ budget: {(double)noiseRobust / n:P1}){(masking ? " — [yellow]gradient masking suspected[/]" : "")}");
            return 0;
        });
        return cmd;
    }

    private static void SaveExamples(string prefix, List<(double[] X, double[] Adv, int Y, int Pred)> examples, string kind)
    {
        int d = examples[0].X.Length, side = (int)Math.Round(Math.Sqrt(d));
        if (side * side != d) throw new ArgumentException($"--save needs square images; these have {d} pixels.");
        var grid = new Basin.Plotting.ImageGrid { Title = $"{kind}: original, adversarial, 5·|difference|", Columns = examples.Count, RowLabels = ["original", "adversarial", "5·|diff|"] };
        foreach (var e in examples) grid.Add(e.X, side, side, $"label {e.Y}");
        foreach (var e in examples) grid.Add(e.Adv.Select(v => Math.Clamp(v, 0, 1)).ToArray(), side, side, $"→ {e.Pred}");
        foreach (var e in examples) grid.Add(e.X.Zip(e.Adv, (a, b) => Math.Min(1, 5 * Math.Abs(a - b))).ToArray(), side, side);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        if (dir != null) Directory.CreateDirectory(dir);
        grid.Save(prefix, 130 * examples.Count + 140, 460);
    }
}
