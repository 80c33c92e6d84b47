using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;
using Spectre.Console;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin dfsa terms</c>: the metric catalogue with formulas, estimators, goals and preset weights.</summary>
public static class DfsaTermsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var cmd = new Command("terms", "List every metric term (white paper appendix): formula, estimator, goal, weight in each preset.") { json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var presets = Presets.Names.ToDictionary(n => n, n => Presets.Get(n).ToDictionary(t => t.Term.Name, t => t.Weight));
            if (p.GetValue(json))
            {
                var arr = new JsonArray();
                foreach (var t in TermCatalogue.All)
                {
                    var w = new JsonObject();
                    foreach (var (n, d) in presets) w[n] = d.TryGetValue(t.Name, out var v) ? v : 0;
                    arr.Add(new JsonObject
                    {
                        ["name"] = t.Name, ["group"] = t.Group.ToString().ToLowerInvariant(), ["goal"] = t.Goal.ToString().ToLowerInvariant(),
                        ["formula"] = t.Formula, ["estimator"] = t.Estimator, ["reading"] = t.Reading, ["preset_weights"] = w,
                    });
                }
                Console.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().AddColumns(new[] { "term", "group", "goal", "formula" }.Concat(Presets.Names).ToArray());
            foreach (var t in TermCatalogue.All)
                table.AddRow(new[] { Markup.Escape(t.Name), t.Group.ToString(), t.Goal.ToString(), Markup.Escape(t.Formula) }
                    .Concat(Presets.Names.Select(n => presets[n].TryGetValue(t.Name, out var v) ? v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "")).ToArray());
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Negative weights maximise. Estimators: [bold]basin dfsa terms --json[/] or src/Basin.Dfsa/README.md.");
            return 0;
        });
        return cmd;
    }

    /// <summary>One help line listing every term, for option descriptions.</summary>
    public static string TermList() => string.Join(", ", TermCatalogue.All.Select(t => t.Name));
}
