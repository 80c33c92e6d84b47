using System.CommandLine;
using Basin.Cli.Commands;

namespace Basin.Cli;

/// <summary>Builds the <c>basin</c> command tree and runs it with uniform error handling.</summary>
public static class CliApp
{
    /// <summary>Creates the root command with every subcommand registered.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Basin — neural attractor dynamics: stable attractors (SA-nODE), data-free stochastic attractors, stability analysis.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(Commands.SaNode.SaNodeCommand.Create());
        root.Subcommands.Add(Commands.Stability.StabilityCommand.Create());
        root.Subcommands.Add(Commands.Stability.AttackCommand.Create());
        root.Subcommands.Add(Commands.Stability.BaselineCommand.Create());
        root.Subcommands.Add(Commands.Stability.StudyAccurateOrStableCommand.Create());
        root.Subcommands.Add(Commands.Studies.MergeCommand.Create());
        Commands.Dfsa.DfsaCommands.Register(root);
        Commands.Crypto.CryptoCommands.Register(root);
        Commands.Obfuscation.ObfuscateCommands.Register(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (0 success, 1 failure, 2 usage error).</summary>
    public static int Run(string[] args)
    {
        Terminal.Configure();
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run 'basin --help' for usage.");
            return 2;
        }
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
