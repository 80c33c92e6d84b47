using Spectre.Console;

namespace Basin.Cli.Output;

/// <summary>
/// The consoles the CLI writes to. Standard output carries results (with <c>--json</c>: exactly one JSON document);
/// standard error carries progress, notes and errors. Neither carries ANSI escape sequences unless it is a terminal
/// (and <c>NO_COLOR</c> is unset), so output piped to a file or another program is plain text.
/// </summary>
public static class Terminal
{
    private static IAnsiConsole? _err;

    /// <summary>Whether standard output is an interactive terminal that may receive colour.</summary>
    public static bool StdoutIsTerminal => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <summary>Whether standard error is an interactive terminal (progress bars are drawn only there).</summary>
    public static bool StderrIsTerminal => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <summary>Points <see cref="AnsiConsole.Console"/> at standard output, plain when it is not a terminal. Called once per run.</summary>
    public static void Configure()
    {
        AnsiConsole.Console = Create(Console.Out, StdoutIsTerminal);
        _err = null;
    }

    /// <summary>A console on standard error: progress and notes, never mixed into results.</summary>
    public static IAnsiConsole Error => _err ??= Create(Console.Error, StderrIsTerminal);

    /// <summary>A console writing to <paramref name="writer"/>, with ANSI only when <paramref name="terminal"/>.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 200;
        return console;
    }

    /// <summary>Writes a note line to standard error (plain text).</summary>
    public static void Note(string text) => Console.Error.WriteLine(text);
}
