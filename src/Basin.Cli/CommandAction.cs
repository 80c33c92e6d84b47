using System.CommandLine;
using Basin.Tensors;

namespace Basin.Cli;

/// <summary>Wraps a command body so that expected failures become one clear line on stderr and a non-zero exit code.</summary>
public static class CommandAction
{
    /// <summary>Exit code for a failed command (bad input, I/O, numerical failure).</summary>
    public const int Failure = 1;

    /// <summary>Sets <paramref name="body"/> as the action of <paramref name="command"/>, with error handling.</summary>
    public static void Set(Command command, Func<ParseResult, CancellationToken, int> body)
    {
        command.SetAction((parse, ct) => Task.FromResult(Guard(() => body(parse, ct))));
    }

    /// <summary>Runs <paramref name="body"/>, mapping known exceptions to messages and exit codes.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled.");
            return 130;
        }
        catch (Exception e) when (e is InvalidDataException or TensorShapeException or ArgumentException or IOException
                                      or UnauthorizedAccessException or NotSupportedException or InvalidOperationException
                                      or ArithmeticException or FormatException or KeyNotFoundException
                                      or System.Security.Cryptography.CryptographicException)
        {
            WriteError(e);
            return Failure;
        }
    }

    /// <summary>Writes an error line (and inner causes) to stderr without a stack trace.</summary>
    public static void WriteError(Exception e)
    {
        var msg = e.Message;
        for (var inner = e.InnerException; inner != null; inner = inner.InnerException) msg += $" ({inner.Message})";
        var prefix = Terminal.StderrIsTerminal ? "\u001b[31merror:\u001b[0m" : "error:";
        Console.Error.WriteLine($"{prefix} {msg}");
        if (Environment.GetEnvironmentVariable("BASIN_DEBUG") == "1") Console.Error.WriteLine(e);
    }
}
