using System.CommandLine;
using Basin.Studies.Stability;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary><c>basin study bracket</c>: the bracket certified ≤ true ≤ attacked from saved results (<see cref="RobustnessBracket"/>).</summary>
public static class StudyBracketCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var results = new Argument<string[]>("results") { Description = "JSON outputs of 'basin attack --json' and 'basin certify --json'.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output prefix: PREFIX.csv, PREFIX-linf.svg/.png, PREFIX-l2.svg/.png.", DefaultValueFactory = _ => "basin-bracket" };
        var title = new Option<string>("--title") { Description = "Figure title.", DefaultValueFactory = _ => "Attacked (upper bound) and certified (lower bound) accuracy" };
        var json = CommonOptions.Json();
        var cmd = new Command("bracket", "Attacked robust accuracy (upper bound) and certified accuracy (lower bound) against the budget, per model: one CSV, one figure per norm.")
            { results, output, title, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var points = RobustnessBracket.Merge(p.GetValue(results)!.SelectMany(RobustnessBracket.Read));
            var files = RobustnessBracket.Write(points, p.GetValue(output)!, p.GetValue(title)!);
            if (p.GetValue(json)) { JsonPrinter.Print(new { points, files }); return 0; }
            var t = new Table().AddColumns("model", "side", "source", "norm", "budget", "accuracy", "images");
            foreach (var q in points) t.AddRow(Markup.Escape(q.Model), q.Side, Markup.Escape(q.Source), q.Norm, $"{q.Budget:G4}", $"{q.Accuracy:P1}", $"{q.Images}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine(Markup.Escape("wrote " + string.Join(", ", files)));
            return 0;
        });
        return cmd;
    }
}
