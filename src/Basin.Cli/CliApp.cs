using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
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
        root.Subcommands.Add(Commands.Stability.CertifyCommand.Create());
        root.Subcommands.Add(Commands.Stability.BaselineCommand.Create());
        root.Subcommands.Add(Commands.Stability.StudyAccurateOrStableCommand.Create());
        root.Subcommands.Add(Commands.Studies.MergeCommand.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.ReportCommand.Create());
        Commands.Dfsa.DfsaCommands.Register(root);
        Commands.Crypto.CryptoCommands.Register(root);
        Commands.Obfuscation.ObfuscateCommands.Register(root);
        Commands.Generate.GenerateCommands.Register(root);
        foreach (var v in root.Options.OfType<VersionOption>()) v.Action = new PrintVersion();
        return root;
    }

    /// <summary>Exit code of a command line that does not parse (unknown option, missing argument, bad value).</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// The one stderr line of a usage error: the parser's messages joined, the specific ones (an unrecognised option, a
    /// bad value) before the generic "Required command was not provided", and a pointer to the help.
    /// </summary>
    public static string UsageError(IEnumerable<string> messages)
    {
        var distinct = messages.Select(m => m.Trim().TrimEnd('.')).Where(m => m.Length > 0).Distinct().ToList();
        var ordered = distinct.OrderBy(m => m.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).ToList();
        return $"error: {string.Join("; ", ordered)}. Run 'basin --help' for usage.";
    }

    /// <summary>The version that <c>basin --version</c> prints: the package version (Directory.Build.props), without a build suffix.</summary>
    public static string Version
    {
        get
        {
            var v = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = v.IndexOf('+');
            return plus < 0 ? v : v[..plus];
        }
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (0 success, 1 failure, 2 usage error).</summary>
    public static int Run(string[] args)
    {
        Terminal.Configure();
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine(UsageError(parse.Errors.Select(e => e.Message)));
            return UsageExitCode;
        }
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// <c>--version</c>: prints <see cref="Version"/> (the default action reads the entry assembly, which is the test host
    /// when the CLI runs in-process).
    /// </summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.WriteLine(Version);
            return 0;
        }
    }
}
