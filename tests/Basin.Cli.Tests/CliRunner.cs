namespace Basin.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout/stderr. Console redirection is process-wide, so CLI tests share one non-parallel collection.</summary>
internal static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var oldOut = Console.Out; var oldErr = Console.Error; var oldAnsi = Spectre.Console.AnsiConsole.Console;
            var o = new StringWriter(); var e = new StringWriter();
            Console.SetOut(o); Console.SetError(e);
            // Spectre's AnsiConsole binds to stdout once per process; point it at this run's capture, plain text, wide.
            var ansi = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
            {
                Out = new Spectre.Console.AnsiConsoleOutput(o), Ansi = Spectre.Console.AnsiSupport.No,
                ColorSystem = Spectre.Console.ColorSystemSupport.NoColors, Interactive = Spectre.Console.InteractionSupport.No,
            });
            ansi.Profile.Width = 200;
            Spectre.Console.AnsiConsole.Console = ansi;
            try { return (CliApp.Run(args), o.ToString(), e.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); Spectre.Console.AnsiConsole.Console = oldAnsi; }
        }
    }
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;
