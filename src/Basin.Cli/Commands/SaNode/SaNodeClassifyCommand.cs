using System.CommandLine;
using System.Text.Json;
using Basin.Data;
using Basin.SaNode.Evaluation;
using Basin.Stability.Classifiers;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode classify</c>: flow one image to its attractor and report the class and the overlaps (<see cref="SaNodeClassification"/>).</summary>
public static class SaNodeClassifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var image = new Option<string?>("--image") { Description = "An image of any size (PNG, JPEG, WebP, BMP, PGM): prepared like MNIST (see --prepare)." };
        var prepare = new Option<ImagePreparation>("--prepare")
        {
            Description = "auto: an image of the model's exact size is used as is, any other is inverted if on light paper, cropped to the ink, fitted to 20×20 and centred by mass in 28×28; always; never.",
            DefaultValueFactory = _ => ImagePreparation.Auto,
        };
        var idx = new Option<string?>("--idx") { Description = "An IDX image file (plain or .gz); use with --index." };
        var dataset = new Option<string?>("--dataset") { Description = "mnist, fashion or letters test split; use with --index." };
        var index = new Option<int>("--index") { Description = "Image index in --idx or --dataset.", DefaultValueFactory = _ => 0 };
        var steps = new Option<int>("--steps") { Description = "Integration steps (T = steps·Δt).", DefaultValueFactory = _ => 1200 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var json = CommonOptions.Json();
        var cmd = new Command("classify", "Classify one image: integrate it to T and report the nearest attractor and the overlaps.")
            { model, image, prepare, idx, dataset, index, steps, dt, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var m = ModelFiles.LoadSaNode<float>(p.GetValue(model)!);
            var (pixels, label, source) = LoadInput(p.GetValue(image), p.GetValue(prepare), m.Config.N, p.GetValue(idx), p.GetValue(dataset), p.GetValue(index));
            var r = SaNodeClassification.Classify(m, pixels, p.GetValue(steps), p.GetValue(dt), source, label);
            if (p.GetValue(json))
            {
                var doc = JsonSerializer.SerializeToNode(r, JsonOutput.Options)!.AsObject();
                if (label is null) doc.Remove("label");
                doc["settled"] = r.Converged;
                JsonPrinter.Print(doc);
                return 0;
            }
            var overlaps = r.Overlaps;
            int best = r.Class;
            double signOverlap = r.SignOverlap;
            var t = new Table().AddColumns("attractor", "overlap m = x·φ/(Na²)");
            for (int k = 0; k < overlaps.Length; k++) t.AddRow(k == best ? $"[bold]{k}[/]" : $"{k}", $"{overlaps[k]:F4}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"{Markup.Escape(source)} → class [bold]{best}[/] (overlap {overlaps[best]:F4}, sign overlap {signOverlap:P1}, " +
                $"{(signOverlap >= 0.95 ? "settled in the attractor" : "[yellow]not within 0.95 of the attractor[/]")}, T = {r.Horizon:G4})" +
                (label is int lab ? $"; label {lab}" : ""));
            return 0;
        });
        return cmd;
    }

    private static (float[] Pixels, int? Label, string Source) LoadInput(string? image, ImagePreparation prepare, int n, string? idx, string? dataset, int index)
    {
        int given = (image != null ? 1 : 0) + (idx != null ? 1 : 0) + (dataset != null ? 1 : 0);
        if (given != 1) throw new ArgumentException("Give exactly one of --image, --idx or --dataset.");
        if (image != null)
        {
            var (px, source) = GrayImageFile.ReadForModel(image, n, prepare);
            return (px, null, source);
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
