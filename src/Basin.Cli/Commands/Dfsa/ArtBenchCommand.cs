using System.CommandLine;
using System.Diagnostics;
using Basin.Dfsa.Art;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin art bench</c>: render speed of a CPPN in megapixels per second at several sizes.</summary>
public static class ArtBenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = CommonOptions.Seed(1);
        var sizes = CommonOptions.DoubleList("--sizes", "Image sizes (pixels per side).", [512, 2048]);
        var repeats = new Option<int>("--repeats") { Description = "Timed renders per size (the best is reported).", DefaultValueFactory = _ => 3 };
        var model = ModelOptions.Create();
        var json = CommonOptions.Json();
        var cmd = new Command("bench", "Render speed (megapixels per second) of an untrained CPPN: one batched GEMM per layer and chunk of rows.") { seed, sizes, repeats, json };
        model.AddTo(cmd);
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = model.Read(p);
            var net = ArtGenerator.Create(p.GetValue(seed), o);
            var rows = new System.Text.Json.Nodes.JsonArray();
            ArtGenerator.Render(net, 64, 64);
            foreach (double s in p.GetValue(sizes)!)
            {
                int n = (int)s;
                if (n < 8 || n > 8192) throw new ArgumentException("--sizes must be within 8…8192.");
                double best = double.PositiveInfinity;
                for (int r = 0; r < Math.Max(1, p.GetValue(repeats)); r++)
                {
                    ct.ThrowIfCancellationRequested();
                    var sw = Stopwatch.StartNew();
                    ArtGenerator.Render(net, n, n);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                double mps = (double)n * n / 1e6 / best;
                rows.Add(new System.Text.Json.Nodes.JsonObject { ["size"] = n, ["seconds"] = best, ["megapixels_per_second"] = mps });
                if (!p.GetValue(json)) Console.WriteLine(FormattableString.Invariant($"{n}×{n}: {best:F3} s, {mps:F2} MP/s ({o.Model.ToString().ToLowerInvariant()}, hidden {o.Hidden}, layers {o.Layers})"));
            }
            if (p.GetValue(json)) JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject { ["model"] = o.Model.ToString().ToLowerInvariant(), ["hidden"] = o.Hidden, ["layers"] = o.Layers, ["sizes"] = rows });
            return 0;
        });
        return cmd;
    }
}
