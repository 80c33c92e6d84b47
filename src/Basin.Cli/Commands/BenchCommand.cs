using System.CommandLine;

namespace Basin.Cli.Commands;

/// <summary><c>basin bench …</c>: micro-benchmarks that print GFLOP/s and comparisons.</summary>
public static class BenchCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var cmd = new Command("bench", "Benchmarks: GFLOP/s of the numerical kernels, compared side by side with the best alternative present.");
        cmd.Subcommands.Add(BenchGemmCommand.Create());
        cmd.Subcommands.Add(BenchSaNodeCommand.Create());
        return cmd;
    }
}
