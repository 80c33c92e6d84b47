using System.CommandLine;
using Basin.Generative.Terrain;
using Basin.Plotting;

namespace Basin.Cli.Commands.Generate;

/// <summary><c>basin generate terrain</c>: a heightmap as a 16-bit PNG and a hill-shaded preview.</summary>
public static class GenerateTerrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = CommonOptions.Seed(1, "Seed (same seed → byte-identical files).");
        var size = new Option<int>("--size") { Description = "Samples per side.", DefaultValueFactory = _ => 256 };
        var tileable = new Option<bool>("--tileable") { Description = "Make the map wrap at its edges (integer-frequency features only)." };
        var entropy = GenerateCommands.Entropy();
        var steps = GenerateCommands.Steps();
        var output = CommonOptions.OutOptional("Heightmap PNG (16-bit greyscale); the preview goes beside it as NAME-preview.png.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("terrain", "Heightmap from a data-free CPPN: 16-bit PNG, shaded preview, roughness and spectral slope.") { seed, size, tileable, entropy, steps, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = new TerrainOptions(p.GetValue(seed), p.GetValue(size), GenerateCommands.Level(p, entropy), p.GetValue(tileable), p.GetValue(steps)).Validate();
            var t = TerrainGenerator.Generate(o);
            string prefix = GenerateCommands.Prefix(p.GetValue(output)!), map = prefix + ".png", preview = prefix + "-preview.png";
            Basin.Tensors.IO.AtomicFile.WriteAllBytes(map, TerrainGenerator.HeightmapPng(t));
            PngWriter.Write(preview, TerrainGenerator.Preview(t), t.Size, t.Size);
            if (p.GetValue(json))
                JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject
                {
                    ["heightmap"] = map, ["preview"] = preview, ["seed"] = o.Seed, ["entropy"] = o.Level.ToString().ToLowerInvariant(), ["tileable"] = o.Tileable,
                    ["size"] = t.Size, ["roughness"] = t.Roughness, ["hurst"] = t.Hurst, ["spectral_slope"] = t.SpectralSlope, ["seam_ratio"] = t.SeamRatio,
                });
            else
                Console.WriteLine(FormattableString.Invariant($"{map}, {preview}: roughness {t.Roughness:F4}, Hurst {t.Hurst:F2} (spectral slope β {t.SpectralSlope:F2}), seam ratio {t.SeamRatio:F2}"));
            return 0;
        });
        return cmd;
    }
}
