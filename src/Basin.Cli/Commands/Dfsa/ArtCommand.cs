using System.CommandLine;
using Basin.Dfsa.Art;
using Basin.Studies.Dfsa;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin art</c>: PNG images from CPPNs trained data-free for stochasticity and geometry (white paper §F; <see cref="ArtSheet"/>).</summary>
public static class ArtCommand
{
    /// <summary>Palette names.</summary>
    public static IReadOnlyList<string> Palettes => ArtSheet.Palettes;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = CommonOptions.Seed(1, "Seed of the first image (same seed → byte-identical PNG).");
        var count = new Option<int>("--count") { Description = "Images (seeds seed … seed+count−1); more than one makes a contact sheet.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Pixels per side of each image.", DefaultValueFactory = _ => 256 };
        var palette = new Option<string>("--palette") { Description = "rgb (the three outputs), or a colour map of their mean: viridis, magma, gray, rainbow, diverging.", DefaultValueFactory = _ => "rgb" };
        palette.AcceptOnlyFromAmong([.. Palettes]);
        var steps = new Option<int>("--steps") { Description = "Data-free training steps per image.", DefaultValueFactory = _ => 200 };
        var entropy = new Option<double>("--entropy") { Description = "Entropy weight: > 0 lowers colour entropy (structured), < 0 raises it, 0 off.", DefaultValueFactory = _ => 0.0 };
        var letters = new Option<string?>("--letters") { Description = "Hybrid attractor: pin built-in 7×7 letters (e.g. ABCDE), one per image in turn." };
        var letterWeight = new Option<double>("--letter-weight") { Description = "Weight of the pinned-letter term.", DefaultValueFactory = _ => 100.0 };
        var terms = new Option<string[]>("--term") { Description = "name=weight overrides of the generative preset (e.g. curvature=0).", DefaultValueFactory = _ => [] };
        var model = ModelOptions.Create();
        var output = CommonOptions.OutOptional("PNG to write (a contact sheet when --count > 1).", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("art", "Generative art: CPPN images trained data-free for stochasticity + geometry; a seed gives a reproducible PNG.")
            { seed, count, size, palette, steps, entropy, letters, letterWeight, terms, output, json };
        model.AddTo(cmd);
        cmd.Subcommands.Add(ArtAnimateCommand.Create());
        cmd.Subcommands.Add(ArtBenchCommand.Create());
        cmd.Subcommands.Add(ArtStorageCommand.Create());
        CommandAction.Set(cmd, (p, ct) =>
        {
            var training = model.Read(p) with
            {
                Steps = p.GetValue(steps), Entropy = p.GetValue(entropy), TargetWeight = p.GetValue(letterWeight), Overrides = p.GetValue(terms)!,
            };
            var o = new ArtSheetOptions(p.GetValue(seed), p.GetValue(count), p.GetValue(size), p.GetValue(palette)!, training, p.GetValue(letters));
            var images = ProgressRunner.Run("rendering", o.Count, progress => ArtSheet.Render(o, progress, ct), quiet: o.Count == 1);
            foreach (var w in images.Select(i => i.Warning).OfType<string>()) Terminal.Note(w);
            string path = p.GetValue(output)!;
            ArtSheet.Save(images, o.Size, path);
            var diversity = images.Count > 1
                ? ArtDiversityResult.Measure([.. images.Select(i => i.Pixels.SelectMany(c => new[] { c.R / 255f, c.G / 255f, c.B / 255f }).ToArray())], o.Size)
                : null;
            if (p.GetValue(json))
                JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject
                {
                    ["out"] = path, ["model"] = training.Model.ToString().ToLowerInvariant(),
                    ["seeds"] = new System.Text.Json.Nodes.JsonArray([.. images.Select(i => (System.Text.Json.Nodes.JsonNode?)i.Seed)]),
                    ["diverged"] = images.Count(i => i.Warning != null),
                    ["diversity"] = diversity is null ? null : System.Text.Json.Nodes.JsonNode.Parse(Basin.Tensors.IO.JsonOutput.ToText(diversity)),
                });
            else
            {
                Console.WriteLine(path);
                if (diversity != null)
                    Console.WriteLine(FormattableString.Invariant($"diversity over {diversity.Images} seeds: pixel distance {diversity.PixelDistance:F3} (closest pair {diversity.MinPixelDistance:F3}), colour-histogram distance {diversity.HistogramDistance:F3}, detail {diversity.Detail:F4}"));
            }
            return 0;
        });
        return cmd;
    }
}
