using System.CommandLine;

namespace Basin.Cli.Commands.Dfsa;

/// <summary>Registers the data-free stochastic attractor commands: <c>basin dfsa train|measure|terms</c> and <c>basin art</c>.</summary>
public static class DfsaCommands
{
    /// <summary>Adds <c>dfsa</c> and <c>art</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root)
    {
        root.Subcommands.Add(new Command("dfsa", "Data-free stochastic attractors: train networks on metric losses only, measure them.")
        {
            DfsaTrainCommand.Create(),
            DfsaMeasureCommand.Create(),
            DfsaTermsCommand.Create(),
        });
        root.Subcommands.Add(ArtCommand.Create());
    }
}
