using Basin.Crypto.Evaluation;
using Spectre.Console;

namespace Basin.Cli.Commands.Crypto;

/// <summary>Prints dieharder runs side by side: one row per test (and ntup), one p-value/assessment column per generator.</summary>
public static class DieharderTable
{
    /// <summary>Prints <paramref name="runs"/> (nothing when empty; their summaries when dieharder is missing).</summary>
    public static void Print(IReadOnlyList<DieharderResult> runs)
    {
        if (runs.Count == 0) return;
        if (runs.Any(r => !r.Installed)) { AnsiConsole.WriteLine(runs[0].Summary); return; }
        var t = new Table().AddColumn("test").AddColumn("ntup");
        foreach (var r in runs) t.AddColumn($"{r.Generator} p-value").AddColumn(r.Generator);
        var keys = runs.SelectMany(r => r.Tests.Select(x => (x.Name, x.Ntup))).Distinct().ToList();
        foreach (var (name, ntup) in keys)
        {
            var row = new List<string> { name, ntup.ToString() };
            foreach (var r in runs)
            {
                var x = r.Tests.Where(v => v.Name == name && v.Ntup == ntup).ToList();
                row.Add(string.Join(" ", x.Select(v => v.PValue.ToString("F6"))));
                row.Add(string.Join(" ", x.Select(v => v.Assessment)));
            }
            t.AddRow(row.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(t);
        foreach (var r in runs) AnsiConsole.WriteLine(r.Summary);
    }
}
