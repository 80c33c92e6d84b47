using System.CommandLine;
using Basin.Generative.Levels;

namespace Basin.Cli.Commands.Generate;

/// <summary><c>basin generate level</c>: a 2-D tile map (JSON + PNG) with a start-to-exit path checked by BFS.</summary>
public static class GenerateLevelCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = CommonOptions.Seed(1, "Seed (same seed → identical level).");
        var width = new Option<int>("--width") { Description = "Tiles across.", DefaultValueFactory = _ => 40 };
        var height = new Option<int>("--height") { Description = "Tiles down.", DefaultValueFactory = _ => 22 };
        var walls = new Option<double>("--walls") { Description = "Share of interior tiles that start as walls.", DefaultValueFactory = _ => 0.4 };
        var entropy = GenerateCommands.Entropy();
        var steps = GenerateCommands.Steps();
        var output = CommonOptions.OutOptional("Level file NAME.json; the picture goes beside it as NAME.png.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("level", "A tile map for a 2-D game from a data-free CPPN, with a guaranteed start → exit path checked by BFS.") { seed, width, height, walls, entropy, steps, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = new LevelOptions(p.GetValue(seed), p.GetValue(width), p.GetValue(height), GenerateCommands.Level(p, entropy), p.GetValue(steps), p.GetValue(walls)).Validate();
            var l = LevelGenerator.Generate(o);
            if (l.CheckPath() is null) throw new InvalidOperationException("internal error: the generated level has no path");
            string prefix = GenerateCommands.Prefix(p.GetValue(output)!);
            var doc = l.ToJson(o.Seed, o.Level.ToString().ToLowerInvariant());
            Basin.Tensors.IO.AtomicFile.WriteAllText(prefix + ".json", Basin.Tensors.IO.JsonOutput.ToText(doc));
            Basin.Plotting.PngWriter.Write(prefix + ".png", l.Draw(), l.Width * Level.TileSize, l.Height * Level.TileSize);
            if (p.GetValue(json)) { doc["json"] = prefix + ".json"; doc["png"] = prefix + ".png"; JsonPrinter.Print(doc); }
            else
            {
                foreach (var r in l.Rows) Console.WriteLine(r);
                Console.WriteLine(FormattableString.Invariant($"{prefix}.json, {prefix}.png: path found by BFS, {l.Path!.Count} tiles; {l.Carved} tiles carved; tile entropy {l.TileEntropy:F3} bits, neighbour agreement {l.NeighbourAgreement:F3}"));
            }
            return 0;
        });
        return cmd;
    }
}
