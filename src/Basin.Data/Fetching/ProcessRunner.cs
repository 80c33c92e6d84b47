using System.ComponentModel;
using System.Diagnostics;

namespace Basin.Data;

/// <summary>The outcome of a finished process.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs an external program; injectable so that tests need no <c>npm</c>.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="program"/> (looked up on PATH) with the given arguments and waits for it.</summary>
    /// <exception cref="FileNotFoundException">The program is not on PATH.</exception>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);
}

/// <summary>Runs programs with <see cref="Process"/>, capturing their output; no shell is involved.</summary>
public sealed class SystemProcessRunner : IProcessRunner
{
    /// <summary>The shared instance.</summary>
    public static SystemProcessRunner Instance { get; } = new();

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        string executable = FindOnPath(program) ?? throw new FileNotFoundException($"'{program}' was not found on PATH.", program);
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new FileNotFoundException($"'{program}' could not be started: {e.Message}", program, e);
        }
        process.StandardInput.Close();
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
            throw;
        }
    }

    /// <summary>The full path of <paramref name="program"/> found on PATH (with PATHEXT on Windows), or null.</summary>
    public static string? FindOnPath(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (Path.IsPathRooted(program))
            return File.Exists(program) ? program : null;
        string[] extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [""];
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string extension in extensions)
            {
                string candidate = Path.Combine(directory.Trim('"'), program + extension);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
