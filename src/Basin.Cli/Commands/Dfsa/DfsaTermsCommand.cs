using System.CommandLine;
using System.Globalization;
using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;
using Spectre.Console;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin dfsa terms</c>: the metric catalogue with formulas, estimators, goals and preset weights (<see cref="TermTable"/>).</summary>
public static class DfsaTermsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var cmd = new Command("terms", "List every metric term (white paper appendix): formula, estimator, goal, weight in each preset.") { json };
        CommandAction.Set(cmd, (p, _) =>
        {
            if (p.GetValue(json))
            {
                JsonPrinter.Print(TermTable.ToJson());
                return 0;
            }
            var presets = TermTable.PresetWeights();
            var table = new Table().AddColumns(new[] { "term", "group", "goal", "formula" }.Concat(Presets.Names).ToArray());
            foreach (var t in TermCatalogue.All)
                table.AddRow(new[] { Markup.Escape(t.Name), t.Group.ToString(), t.Goal.ToString(), Markup.Escape(t.Formula) }
                    .Concat(Presets.Names.Select(n => presets[n].TryGetValue(t.Name, out var v) ? v.ToString("G3", CultureInfo.InvariantCulture) : "")).ToArray());
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Negative weights maximise. Estimators: [bold]basin dfsa terms --json[/] or src/Basin.Dfsa/README.md.");
            return 0;
        });
        return cmd;
    }

    /// <summary>One help line listing every term, for option descriptions.</summary>
    public static string TermList() => TermTable.Names();
}
