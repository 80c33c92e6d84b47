using System.CommandLine;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode …</c>: the stable-attractor classifier of Marino et al. (2024).</summary>
public static class SaNodeCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var cmd = new Command("sanode", "SA-nODE: classify by flowing each input into one of K planted, provably stable attractors (Marino et al. 2024).");
        cmd.Subcommands.Add(SaNodeTrainCommand.Create());
        cmd.Subcommands.Add(SaNodeEvalCommand.Create());
        cmd.Subcommands.Add(SaNodeClassifyCommand.Create());
        cmd.Subcommands.Add(SaNodeHistoryCommand.Create());
        cmd.Subcommands.Add(SaNodeInvertCommand.Create());
        cmd.Subcommands.Add(SaNodeStudyCommand.Create());
        cmd.Subcommands.Add(SaNodeStabilityCommand.Create());
        return cmd;
    }

    /// <summary>Dataset names accepted by the SA-nODE commands.</summary>
    public static readonly string[] DatasetNames = [.. Basin.Data.Datasets.Names];
}
