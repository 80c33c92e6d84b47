using System.CommandLine;
using System.Globalization;
using Basin.Dfsa.Art;
using Basin.Plotting;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin art</c>: PNG images from CPPNs trained data-free for stochasticity and geometry (white paper §F).</summary>
public static class ArtCommand
{
    /// <summary>Palette names.</summary>
    public static IReadOnlyList<string> Palettes { get; } = ["rgb", "viridis", "magma", "gray", "rainbow", "diverging"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the first image (same seed → byte-identical PNG).", DefaultValueFactory = _ => 1UL };
        var count = new Option<int>("--count") { Description = "Images (seeds seed … seed+count−1); more than one makes a contact sheet.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Pixels per side of each image.", DefaultValueFactory = _ => 256 };
        var palette = new Option<string>("--palette") { Description = "rgb (the three outputs), or a colour map of their mean: viridis, magma, gray, rainbow, diverging.", DefaultValueFactory = _ => "rgb" };
        palette.AcceptOnlyFromAmong([.. Palettes]);
        var steps = new Option<int>("--steps") { Description = "Data-free training steps per image.", DefaultValueFactory = _ => 200 };
        var entropy = new Option<double>("--entropy") { Description = "Entropy weight: > 0 lowers colour entropy (structured), < 0 raises it, 0 off.", DefaultValueFactory = _ => 0.0 };
        var letters = new Option<string?>("--letters") { Description = "Hybrid attractor: pin built-in 7×7 letters (e.g. ABCDE), one per image in turn." };
        var letterWeight = new Option<double>("--letter-weight") { Description = "Weight of the pinned-letter term.", DefaultValueFactory = _ => 100.0 };
        var terms = new Option<string[]>("--term") { Description = "name=weight overrides of the generative preset (e.g. curvature=0).", DefaultValueFactory = _ => [] };
        var hidden = new Option<int>("--hidden") { Description = "CPPN hidden width.", DefaultValueFactory = _ => 16 };
        var layers = new Option<int>("--layers") { Description = "CPPN hidden layers.", DefaultValueFactory = _ => 4 };
        var gain = new Option<double>("--init-gain") { Description = "Initial weight gain.", DefaultValueFactory = _ => 2.0 };
        var output = new Option<string>("--out") { Description = "PNG to write (a contact sheet when --count > 1).", Required = true };
        var cmd = new Command("art", "Generative art: CPPN images trained data-free for stochasticity + geometry; a seed gives a reproducible PNG.")
            { seed, count, size, palette, steps, entropy, letters, letterWeight, terms, hidden, layers, gain, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            int n = p.GetValue(count), px = p.GetValue(size);
            if (n < 1 || px < 8 || px > 4096) throw new ArgumentException("--count must be ≥ 1 and --size within 8…4096.");
            string? letterSet = p.GetValue(letters);
            if (letterSet != null)
                foreach (char c in letterSet)
                    if (!Basin.Data.Letters.ClassNames.Contains(c.ToString())) throw new ArgumentException($"--letters: '{c}' is not a built-in letter ({string.Join("", Basin.Data.Letters.ClassNames)}).");
            var images = new List<(ulong Seed, Rgba32[] Pixels, string Caption)>();
            for (int k = 0; k < n; k++)
            {
                ct.ThrowIfCancellationRequested();
                ulong s = p.GetValue(seed) + (ulong)k;
                var opts = new ArtOptions
                {
                    Steps = p.GetValue(steps), Entropy = p.GetValue(entropy), Hidden = p.GetValue(hidden), Layers = p.GetValue(layers),
                    InitGain = p.GetValue(gain), TargetWeight = p.GetValue(letterWeight), Overrides = p.GetValue(terms)!,
                };
                string caption = $"seed {s}";
                if (!string.IsNullOrEmpty(letterSet))
                {
                    string letter = letterSet[k % letterSet.Length].ToString();
                    int label = Basin.Data.Letters.ClassNames.ToList().IndexOf(letter);
                    opts = opts with { Target = Basin.Data.Letters.Pattern(label) };
                    caption += $" {letter}";
                }
                var (net, result) = ArtGenerator.Train(s, opts);
                if (result.Diverged) Console.Error.WriteLine($"seed {s}: {result.Reason}");
                images.Add((s, Colour(ArtGenerator.Render(net, px, px), p.GetValue(palette)!), caption));
                Console.Error.WriteLine($"rendered seed {s} ({k + 1}/{n})");
            }
            string path = p.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            if (n == 1) PngWriter.Write(path, images[0].Pixels, px, px);
            else ContactSheet(images, px).SavePng(path);
            Console.WriteLine(path);
            return 0;
        });
        return cmd;
    }

    /// <summary>Maps rendered RGB in [0, 1] to pixels with <paramref name="palette"/>.</summary>
    public static Rgba32[] Colour(float[] rgb, string palette)
    {
        var px = new Rgba32[rgb.Length / 3];
        ColorMap? map = palette switch
        {
            "viridis" => ColorMap.Viridis,
            "magma" => ColorMap.Magma,
            "gray" => ColorMap.Grayscale,
            "diverging" => ColorMap.Diverging,
            _ => null,
        };
        for (int i = 0; i < px.Length; i++)
        {
            double r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2], mean = (r + g + b) / 3;
            px[i] = palette switch
            {
                "rgb" => Rgba32.FromUnit(r, g, b),
                "rainbow" => Palette.Rainbow(mean),
                _ => map!.Map(mean),
            };
        }
        return px;
    }

    private static Canvas ContactSheet(List<(ulong Seed, Rgba32[] Pixels, string Caption)> images, int px)
    {
        int cols = (int)Math.Ceiling(Math.Sqrt(images.Count)), rows = (images.Count + cols - 1) / cols;
        const int gap = 6, label = 14;
        var canvas = new Canvas(cols * (px + gap) + gap, rows * (px + gap + label) + gap, Rgba32.White);
        for (int k = 0; k < images.Count; k++)
        {
            int x = gap + (k % cols) * (px + gap), y = gap + (k / cols) * (px + gap + label);
            canvas.DrawImage(images[k].Pixels, px, px, x, y, px, px);
            canvas.DrawText(images[k].Caption, x, y + px + 3, Rgba32.Black);
        }
        return canvas;
    }
}
