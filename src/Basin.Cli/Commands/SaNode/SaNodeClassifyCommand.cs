using Basin.Cli.Commands;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode classify</c>: flow one image to its attractor and report the class and the overlaps.</summary>
public static class SaNodeClassifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var image = new Option<string?>("--image") { Description = "A grayscale PNG or PGM with N pixels (e.g. 28×28)." };
        var idx = new Option<string?>("--idx") { Description = "An IDX image file (plain or .gz); use with --index." };
        var dataset = new Option<string?>("--dataset") { Description = "mnist, fashion or letters test split; use with --index." };
        var index = new Option<int>("--index") { Description = "Image index in --idx or --dataset.", DefaultValueFactory = _ => 0 };
        var steps = new Option<int>("--steps") { Description = "Integration steps (T = steps·Δt).", DefaultValueFactory = _ => 1200 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var json = CommonOptions.Json();
        var cmd = new Command("classify", "Classify one image: integrate it to T and report the nearest attractor and the overlaps.")
            { model, image, idx, dataset, index, steps, dt, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var m = SaNodeFile.Load<float>(PretrainedModels.Resolve(p.GetValue(model)!));
            int n = m.Config.N;
            var (pixels, label, source) = LoadInput(p.GetValue(image), p.GetValue(idx), p.GetValue(dataset), p.GetValue(index));
            if (pixels.Length != n) throw new ArgumentException($"{source} has {pixels.Length} pixels but the model has N = {n} nodes.");
            var opts = new SolverOptions(ButcherTableau.Euler, p.GetValue(dt), p.GetValue(steps), Clip: 10 * m.Config.A).Validate();
            var runner = new SaNodeRunner<float>(m);
            runner.Refresh();
            var xT = new float[n];
            runner.Predict(pixels, 1, opts, xT);
            var patterns = m.Patterns.ToArray();
            int best = SaNodeMetrics.Nearest<float>(xT, patterns, n);
            double a2n = m.Config.A * m.Config.A * n;
            var overlaps = new double[m.Config.K];
            for (int k = 0; k < overlaps.Length; k++)
                for (int i = 0; i < n; i++) overlaps[k] += xT[i] * patterns[k * n + i] / a2n;
            int agree = 0;
            for (int i = 0; i < n; i++) if (Math.Sign(xT[i]) == Math.Sign(patterns[best * n + i])) agree++;
            double signOverlap = (double)agree / n;
            var doc = new JsonObject
            {
                ["source"] = source, ["class"] = best, ["overlap"] = overlaps[best], ["sign_overlap"] = signOverlap,
                ["converged"] = signOverlap >= 0.95, ["horizon"] = opts.Steps * opts.Dt,
                ["overlaps"] = new JsonArray(overlaps.Select(o => (JsonNode)JsonValue.Create(Math.Round(o, 6))!).ToArray()),
            };
            if (label is int l) doc["label"] = l;
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
            var t = new Table().AddColumns("attractor", "overlap m = x·φ/(Na²)");
            for (int k = 0; k < overlaps.Length; k++) t.AddRow(k == best ? $"[bold]{k}[/]" : $"{k}", $"{overlaps[k]:F4}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"{Markup.Escape(source)} → class [bold]{best}[/] (overlap {overlaps[best]:F4}, sign overlap {signOverlap:P1}, " +
                $"{(signOverlap >= 0.95 ? "settled in the attractor" : "[yellow]not within 0.95 of the attractor[/]")}, T = {opts.Steps * opts.Dt:G4})" +
                (label is int lab ? $"; label {lab}" : ""));
            return 0;
        });
        return cmd;
    }

    private static (float[] Pixels, int? Label, string Source) LoadInput(string? image, string? idx, string? dataset, int index)
    {
        int given = (image != null ? 1 : 0) + (idx != null ? 1 : 0) + (dataset != null ? 1 : 0);
        if (given != 1) throw new ArgumentException("Give exactly one of --image, --idx or --dataset.");
        if (image != null)
        {
            var (px, w, h) = GrayImageFile.Read(image);
            return (px, null, $"{image} ({w}×{h})");
        }
        if (idx != null)
        {
            var arr = Basin.Data.IdxReader.ReadImages(idx);
            int count = arr.Dimensions[0], size = arr.Data.Length / Math.Max(count, 1);
            if (index < 0 || index >= count) throw new ArgumentException($"--index {index} is outside {idx}'s {count} images.");
            return (arr.Data.AsSpan(index * size, size).ToArray().Select(b => b / 255f).ToArray(), null, $"{idx}[{index}]");
        }
        var data = DataCommand.Load(dataset!, DataSplit.Test);
        if (index < 0 || index >= data.Count) throw new ArgumentException($"--index {index} is outside the {data.Count} test images of {dataset}.");
        return (data.Image(index).ToArray(), data.Labels[index], $"{dataset} test[{index}]");
    }
}
