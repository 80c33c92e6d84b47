using Basin.Data;
using Basin.Plotting;

namespace Basin.Studies.Data;

/// <summary>What <see cref="AugmentPreview"/> draws.</summary>
/// <param name="Recipe">The augmentation recipe (<see cref="Augmentation.Parse"/>), e.g. shift=2,rotate=10.</param>
/// <param name="Count">Images (columns), 1…64.</param>
/// <param name="Draws">Random draws per image (rows below the originals), 1…16.</param>
/// <param name="Seed">Seed of the draws.</param>
public sealed record AugmentPreviewOptions(string Recipe, int Count = 8, int Draws = 4, int Seed = 1)
{
    /// <summary>Checks the sizes and the recipe (before any data is loaded) and returns this.</summary>
    public AugmentPreviewOptions Validate()
    {
        if (Count < 1 || Count > 64 || Draws < 1 || Draws > 16) throw new ArgumentException("--count must be 1–64 and --draws 1–16.");
        AugmentPreview.ParseRecipe(Recipe);
        return this;
    }
}

/// <summary>
/// A picture of what <c>sanode train --augment RECIPE</c> feeds the model: the first training images of a dataset in the
/// top row and independent random draws of the recipe below, so a recipe can be judged by eye before training.
/// </summary>
public static class AugmentPreview
{
    /// <summary>The parsed recipe, with an error naming the option when it is malformed.</summary>
    public static Augmentation ParseRecipe(string recipe)
    {
        try { return Augmentation.Parse(recipe); }
        catch (FormatException e) { throw new ArgumentException($"--augment: {e.Message}"); }
    }

    /// <summary>Draws the grid of <paramref name="data"/> (titled with <paramref name="name"/>).</summary>
    public static ImageGrid Draw(LabeledImages data, string name, AugmentPreviewOptions o)
    {
        o.Validate();
        var aug = ParseRecipe(o.Recipe);
        int count = Math.Min(o.Count, data.Count), n = data.PixelsPerImage;
        var grid = new ImageGrid
        {
            Title = $"{name}: originals, then {o.Draws} draws of --augment {aug}",
            Columns = count,
            RowLabels = ["original", .. Enumerable.Range(1, o.Draws).Select(d => $"draw {d}")],
        };
        for (int i = 0; i < count; i++) grid.Add(data.Image(i), data.Cols, data.Rows, data.Labels[i].ToString());
        var img = new float[n]; var scratch = new float[n];
        var random = new Random(o.Seed);
        for (int d = 0; d < o.Draws; d++)
            for (int i = 0; i < count; i++)
            {
                data.Image(i).CopyTo(img);
                aug.ApplyInPlace(img, data.Rows, data.Cols, random, scratch);
                grid.Add(img, data.Cols, data.Rows);
            }
        return grid;
    }

    /// <summary>Draws and saves <paramref name="output"/>.png and .svg; returns the files written.</summary>
    public static IReadOnlyList<string> Write(LabeledImages data, string name, AugmentPreviewOptions o, string output)
    {
        var grid = Draw(data, name, o);
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir != null) Directory.CreateDirectory(dir);
        int draws = o.Draws, count = grid.Columns;
        grid.Save(output, Math.Max(90 * count + 120, 9 * grid.Title!.Length + 40), 100 * (draws + 1) + 60);
        return [output + ".png", output + ".svg"];
    }
}
