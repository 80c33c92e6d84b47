using Basin.Dfsa.Art;
using Basin.Plotting;

namespace Basin.Studies.Dfsa;

/// <summary>What <see cref="ArtSheet"/> renders.</summary>
/// <param name="Seed">Seed of the first image; image k uses seed + k.</param>
/// <param name="Count">Images; more than one makes a contact sheet.</param>
/// <param name="Size">Pixels per side of each image (8…4096).</param>
/// <param name="Palette">One of <see cref="ArtSheet.Palettes"/>.</param>
/// <param name="Training">CPPN shape and data-free training of each image.</param>
/// <param name="Letters">Built-in 7×7 letters pinned one per image in turn (hybrid attractor), or null.</param>
public sealed record ArtSheetOptions(ulong Seed, int Count, int Size, string Palette, ArtOptions Training, string? Letters = null);

/// <summary>One rendered image.</summary>
/// <param name="Seed">Its seed.</param>
/// <param name="Pixels">Size × Size pixels, row-major.</param>
/// <param name="Caption">"seed S" and the pinned letter.</param>
/// <param name="Warning">Why training stopped early, when it diverged.</param>
public sealed record ArtImage(ulong Seed, Rgba32[] Pixels, string Caption, string? Warning);

/// <summary>
/// Generative art (white paper §F): CPPNs trained data-free for stochasticity and geometry, one per seed, rendered on a
/// grid over [−1, 1]² and coloured by a palette; several images go on one contact sheet. The same seed gives the same bytes.
/// </summary>
public static class ArtSheet
{
    /// <summary>Palette names: rgb (the three outputs) or a colour map of their mean.</summary>
    public static IReadOnlyList<string> Palettes { get; } = ["rgb", "viridis", "magma", "gray", "rainbow", "diverging"];

    /// <summary>Trains and renders every image; <paramref name="progress"/> receives the number done.</summary>
    public static IReadOnlyList<ArtImage> Render(ArtSheetOptions o, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (o.Count < 1 || o.Size < 8 || o.Size > 4096) throw new ArgumentException("--count must be ≥ 1 and --size within 8…4096.");
        if (!Palettes.Contains(o.Palette)) throw new ArgumentException($"Unknown palette '{o.Palette}'; known: {string.Join(", ", Palettes)}.");
        if (o.Letters != null)
            foreach (char c in o.Letters)
                if (!Basin.Data.Letters.ClassNames.Contains(c.ToString())) throw new ArgumentException($"--letters: '{c}' is not a built-in letter ({string.Join("", Basin.Data.Letters.ClassNames)}).");
        var images = new List<ArtImage>();
        for (int k = 0; k < o.Count; k++)
        {
            cancel.ThrowIfCancellationRequested();
            ulong s = o.Seed + (ulong)k;
            var opts = o.Training;
            string caption = $"seed {s}";
            if (!string.IsNullOrEmpty(o.Letters))
            {
                string letter = o.Letters[k % o.Letters.Length].ToString();
                opts = opts with { Target = Basin.Data.Letters.Pattern(Basin.Data.Letters.ClassNames.ToList().IndexOf(letter)) };
                caption += $" {letter}";
            }
            var (net, result) = ArtGenerator.Train(s, opts);
            images.Add(new ArtImage(s, Colour(ArtGenerator.Render(net, o.Size, o.Size), o.Palette), caption, result.Diverged ? $"seed {s}: {result.Reason}" : null));
            progress?.Report(k + 1);
        }
        return images;
    }

    /// <summary>Writes one image as a PNG, several as a contact sheet (captions under each).</summary>
    public static void Save(IReadOnlyList<ArtImage> images, int size, string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        if (images.Count == 1) PngWriter.Write(path, images[0].Pixels, size, size);
        else ContactSheet(images, size).SavePng(path);
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

    /// <summary>The images side by side, each at its own size (1:1 pixels), captioned; drawn by <see cref="ImageGrid"/>.</summary>
    private static ImageGrid ContactSheet(IReadOnlyList<ArtImage> images, int px)
    {
        var grid = new ImageGrid();
        foreach (ArtImage image in images) grid.Add(image.Pixels, px, px, image.Caption);
        return grid;
    }
}
