using System.CommandLine;
using Basin.Data;
using Basin.Studies.Data;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin data augment</c>: a picture of what <c>sanode train --augment RECIPE</c> feeds the model — the first
/// training images of a dataset in the top row and independent random draws of the recipe below
/// (<see cref="AugmentPreview"/>).
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
        var seed = CommonOptions.Seed(1, "Seed of the draws.");
        var output = CommonOptions.Out("Output path without extension (.png and .svg are written).", "augment-preview");
        var json = CommonOptions.Json();
        var cmd = new Command("augment", "Preview an --augment recipe: originals and random draws as a PNG/SVG grid.") { dataset, recipe, count, draws, seed, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            if (p.GetValue(seed) > int.MaxValue) throw new ArgumentException("--seed must be at most 2³¹ − 1 here.");
            var o = new AugmentPreviewOptions(p.GetValue(recipe)!, p.GetValue(count), p.GetValue(draws), (int)p.GetValue(seed)).Validate();
            string name = p.GetValue(dataset)!;
            var files = AugmentPreview.Write(DataCommand.Load(name, DataSplit.Train), name, o, p.GetValue(output)!);
            if (p.GetValue(json)) JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject { ["files"] = new System.Text.Json.Nodes.JsonArray([.. files.Select(f => (System.Text.Json.Nodes.JsonNode?)f)]) });
            else foreach (var f in files) Console.WriteLine(f);
            return 0;
        });
        return cmd;
    }
}
