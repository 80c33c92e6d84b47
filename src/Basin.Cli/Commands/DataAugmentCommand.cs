using System.CommandLine;
using Basin.Data;
using Basin.Plotting;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin data augment</c>: a picture of what <c>sanode train --augment RECIPE</c> feeds the model — the first
/// training images of a dataset in the top row and independent random draws of the recipe below, so a recipe can be
/// judged by eye before hours of training.
/// </summary>
public static class DataAugmentCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var recipe = new Option<string>("--augment") { Description = "Recipe, e.g. shift=2,rotate=10,scale=0.1,elastic=34,sigma=4.", Required = true };
        var count = new Option<int>("--count") { Description = "Images (columns).", DefaultValueFactory = _ => 8 };
        var draws = new Option<int>("--draws") { Description = "Random draws per image (rows below the originals).", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output path without extension (.png and .svg are written).", DefaultValueFactory = _ => "augment-preview" };
        var cmd = new Command("augment", "Preview an --augment recipe: originals and random draws as a PNG/SVG grid.") { dataset, recipe, count, draws, seed, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var files = Run(p.GetValue(dataset)!, p.GetValue(recipe)!, p.GetValue(count), p.GetValue(draws), p.GetValue(seed), p.GetValue(output)!);
            foreach (var f in files) Console.WriteLine(f);
            return 0;
        });
        return cmd;
    }

    /// <summary>Draws the grid and returns the files written.</summary>
    public static IReadOnlyList<string> Run(string datasetName, string recipe, int count, int draws, int seed, string output)
    {
        if (count < 1 || count > 64 || draws < 1 || draws > 16) throw new ArgumentException("--count must be 1–64 and --draws 1–16.");
        Augmentation aug;
        try { aug = Augmentation.Parse(recipe); }
        catch (FormatException e) { throw new ArgumentException($"--augment: {e.Message}"); }
        var data = DataCommand.Load(datasetName, DataSplit.Train);
        count = Math.Min(count, data.Count);
        int n = data.PixelsPerImage;
        var grid = new ImageGrid
        {
            Title = $"{datasetName}: originals, then {draws} draws of --augment {aug}",
            Columns = count,
            RowLabels = ["original", .. Enumerable.Range(1, draws).Select(d => $"draw {d}")],
        };
        for (int i = 0; i < count; i++) grid.Add(data.Image(i), data.Cols, data.Rows, data.Labels[i].ToString());
        var img = new float[n]; var scratch = new float[n];
        var random = new Random(seed);
        for (int d = 0; d < draws; d++)
            for (int i = 0; i < count; i++)
            {
                data.Image(i).CopyTo(img);
                aug.ApplyInPlace(img, data.Rows, data.Cols, random, scratch);
                grid.Add(img, data.Cols, data.Rows);
            }
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir != null) Directory.CreateDirectory(dir);
        grid.Save(output, Math.Max(90 * count + 120, 9 * grid.Title!.Length + 40), 100 * (draws + 1) + 60);
        return [output + ".png", output + ".svg"];
    }
}
