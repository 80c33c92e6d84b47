namespace Basin.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout/stderr. Console redirection is process-wide, so CLI tests share one non-parallel collection.</summary>
internal static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var oldOut = Console.Out; var oldErr = Console.Error;
            var o = new StringWriter(); var e = new StringWriter();
            Console.SetOut(o); Console.SetError(e);
            try { return (CliApp.Run(args), o.ToString(), e.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        }
    }
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;
