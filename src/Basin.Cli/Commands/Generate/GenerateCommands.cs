using System.CommandLine;
using Basin.Generative;

namespace Basin.Cli.Commands.Generate;

/// <summary>Registers <c>basin generate terrain|level|music</c>: procedural generation from data-free networks (white paper §F.2).</summary>
public static class GenerateCommands
{
    /// <summary>Adds <c>generate</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root) =>
        root.Subcommands.Add(new Command("generate", "Procedural generation from a data-free network and a seed: terrain, game levels, music.")
        {
            GenerateTerrainCommand.Create(),
            GenerateLevelCommand.Create(),
            GenerateMusicCommand.Create(),
        });

    /// <summary><c>--entropy low|high</c>.</summary>
    public static Option<string> Entropy()
    {
        var o = new Option<string>("--entropy") { Description = "low (structured) or high (unpredictable).", DefaultValueFactory = _ => "low" };
        o.AcceptOnlyFromAmong("low", "high");
        return o;
    }

    /// <summary><c>--steps</c>: data-free training steps.</summary>
    public static Option<int> Steps() => new("--steps") { Description = "Data-free training steps of the network.", DefaultValueFactory = _ => 100 };

    /// <summary>The entropy level parsed.</summary>
    public static EntropyLevel Level(ParseResult p, Option<string> o) => GenerativeField.ParseLevel(p.GetValue(o)!);

    /// <summary>The output path without its extension (so PREFIX.png and PREFIX-preview.png can sit side by side).</summary>
    public static string Prefix(string path) => Path.ChangeExtension(path, null);
}
