using System.CommandLine;
using System.Text;
using Basin.Dfsa.Art;
using Basin.Generative.Storage;
using Basin.Plotting;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin art storage</c>: images stored as quantised fitted CPPNs against JPEG at matched bytes and PNG (PSNR, SSIM).</summary>
public static class ArtStorageCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var images = new Option<string[]>("--image") { Description = "NAME=PATH.png test pictures (centre-cropped, downscaled to --size, luma).", DefaultValueFactory = _ => [] };
        var size = new Option<int>("--size") { Description = "Pixels per side of the PNG test pictures and the render.", DefaultValueFactory = _ => 64 };
        var mnist = new Option<int>("--mnist") { Description = "MNIST test digits to include (28×28; needs `basin data fetch mnist`; 0 leaves them out).", DefaultValueFactory = _ => 2 };
        var render = new Option<bool>("--render") { Description = "Include a Basin render (rich CPPN, seed 1) as a test picture.", DefaultValueFactory = _ => true };
        var steps = new Option<int>("--steps") { Description = "Adam steps per CPPN fit.", DefaultValueFactory = _ => 1500 };
        var seed = CommonOptions.Seed(1, "Seed of every fit (Fourier features and initial weights).");
        var output = CommonOptions.OutOptional("Directory for storage.json, storage.md and the test pictures.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("storage", "The storage claim measured: bytes of a quantised fitted CPPN vs PSNR/SSIM, next to JPEG at matched bytes and PNG.")
            { images, size, mnist, render, steps, seed, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            int n = p.GetValue(size);
            var list = new List<StorageImage>();
            foreach (var spec in p.GetValue(images)!)
            {
                int eq = spec.IndexOf('=');
                if (eq < 1) throw new ArgumentException($"--image wants NAME=PATH.png, got '{spec}'.");
                list.Add(StorageImage.FromPng(spec[..eq], spec[(eq + 1)..], n));
            }
            if (p.GetValue(render))
            {
                var (net, _) = ArtGenerator.Train(1, new ArtOptions { Model = ArtModel.Rich, Hidden = 24, Layers = 5, InitGain = 1.0, Steps = 100 });
                var rgb = ArtGenerator.Render(net, n, n);
                list.Add(new StorageImage("basin-render", [.. Enumerable.Range(0, n * n).Select(i => (float)(0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2]))], n, n));
            }
            int digits = p.GetValue(mnist);
            if (digits > 0)
            {
                if (!Basin.Data.Datasets.IsAvailable("mnist")) Terminal.Note("note: MNIST is not in the cache (basin data fetch mnist); its digits are left out");
                else
                {
                    var test = Basin.Data.Datasets.Load("mnist", "test");
                    for (int d = 0; d < Math.Min(digits, test.Count); d++)
                        list.Add(new StorageImage($"mnist-test-{d}", test.Pixels.AsSpan(d * test.PixelsPerImage, test.PixelsPerImage).ToArray(), test.Cols, test.Rows));
                }
            }
            if (list.Count == 0) throw new ArgumentException("No test pictures: give --image, --render or --mnist.");
            string dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            foreach (var img in list)
                PngWriter.WriteGray(Path.Combine(dir, $"{img.Name}.png"), [.. img.Pixels.Select(v => (double)v)], img.Width, img.Height);
            var o = new StorageOptions(StorageOptions.DefaultShapes, p.GetValue(steps), p.GetValue(seed));
            var rows = ProgressRunner.Run("fits", list.Count * o.Shapes.Count, progress => StorageStudy.Run(list, o, progress, ct));
            var md = new StringBuilder("| image | method | bytes | PSNR (dB) | SSIM |\n|---|---|---:|---:|---:|\n");
            foreach (var r in rows)
                md.Append(FormattableString.Invariant($"| {r.Image} | {r.Method} | {r.Bytes} | {(double.IsInfinity(r.Psnr) ? "∞" : r.Psnr.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))} | {r.Ssim:F3} |\n"));
            Basin.Tensors.IO.AtomicFile.WriteAllText(Path.Combine(dir, "storage.md"), md.ToString());
            var doc = new System.Text.Json.Nodes.JsonArray([.. rows.Select(r => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject
            {
                ["image"] = r.Image, ["method"] = r.Method, ["bytes"] = r.Bytes, ["psnr_db"] = double.IsInfinity(r.Psnr) ? null : r.Psnr,
                ["lossless"] = double.IsInfinity(r.Psnr), ["ssim"] = r.Ssim, ["matched_to_bytes"] = r.MatchedTo,
            })]);
            Basin.Tensors.IO.AtomicFile.WriteAllText(Path.Combine(dir, "storage.json"), Basin.Tensors.IO.JsonOutput.ToText(doc));
            if (p.GetValue(json)) JsonPrinter.Print(doc);
            else Console.Write(md.ToString());
            return 0;
        });
        return cmd;
    }
}
