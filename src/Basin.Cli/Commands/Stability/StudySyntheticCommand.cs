using System.CommandLine;
using Basin.Stability;
using Basin.Studies.Stability;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary><c>basin study synthetic</c>: the experiment behind the accurate-or-stable theorem (<see cref="SyntheticStudy"/>, <see cref="SyntheticStudyReport"/>).</summary>
public static class StudySyntheticCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dim = new Option<int>("--dim") { Description = "Input dimension.", DefaultValueFactory = _ => 20 };
        var eps = new Option<double>("--eps") { Description = "Half-width ε of the empty band between the classes.", DefaultValueFactory = _ => 0.1 };
        var sizes = CommonOptions.DoubleList("--sizes", "Comma-separated training-set sizes.", [50, 100, 200, 400, 800, 1600]);
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the fixed-size ReLU MLP.", DefaultValueFactory = _ => 32 };
        var output = CommonOptions.Out("Output directory.", "basin-synthetic");
        var sanode = new Option<int>("--sanode-epochs") { Description = "Also train an SA-nODE (N = dim, K = 2) for this many epochs per size (0 = skip).", DefaultValueFactory = _ => 30 };
        var testSize = new Option<int>("--test-size") { Description = "Test points per training size.", DefaultValueFactory = _ => 300 };
        var cells = new Option<int>("--cells") { Description = "0: the sphere problem; g > 0: a random g×g checkerboard on the first two coordinates (a boundary too complex for a small fixed network).", DefaultValueFactory = _ => 0 };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var cmd = new Command("synthetic", "Two classes with a 2ε margin by construction: share of test points a fixed-size ReLU MLP (trained to ~100 %) lets flip within ε, vs 1-NN and SA-nODE, as the training set grows.")
            { dim, eps, sizes, hidden, output, sanode, cells, testSize, seed, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var n = p.GetValue(sizes)!.Select(v => (int)v).ToArray();
            var rows = SyntheticStudy.Run(p.GetValue(dim), p.GetValue(eps), n, testSize: p.GetValue(testSize), hidden: p.GetValue(hidden), seed: p.GetValue(seed),
                progress: new SyncProgress<string>(s => Terminal.Note("  " + s)), cancel: ct, saNodeEpochs: p.GetValue(sanode), cells: p.GetValue(cells));
            var dir = p.GetValue(output)!;
            SyntheticStudyReport.Write(rows, dir, p.GetValue(dim), p.GetValue(eps), p.GetValue(hidden), p.GetValue(cells), p.GetValue(sanode) > 0);
            if (p.GetValue(json)) { JsonPrinter.Print(rows); return 0; }
            var t = new Table().AddColumns("train size", "MLP train acc", "MLP test acc", "MLP unstable share", "1-NN test acc", "1-NN unstable ≤", "SA-nODE train/test acc", "SA-nODE unstable");
            foreach (var r in rows) t.AddRow($"{r.TrainSize}", $"{r.MlpTrainAccuracy:P1}", $"{r.MlpTestAccuracy:P1}", $"{r.MlpUnstableShare:P1}", $"{r.NearestTestAccuracy:P1}", $"{r.NearestUnstableShare:P1}",
                $"{r.SaNodeTrainAccuracy:P1} / {r.SaNodeTestAccuracy:P1}", $"{r.SaNodeUnstableShare:P1}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"plot and CSV in {Markup.Escape(dir)}");
            return 0;
        });
        return cmd;
    }
}
