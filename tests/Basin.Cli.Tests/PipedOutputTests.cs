using System.Diagnostics;
using System.Text.Json;

namespace Basin.Cli.Tests;

/// <summary>
/// Runs the real <c>basin</c> executable as a child process with standard output and error redirected to pipes, as
/// <c>basin … | cat</c> or a log file would, with a colour-capable <c>TERM</c>: neither stream may carry an escape
/// character, and with <c>--json</c> standard output must be exactly one JSON document.
/// </summary>
[Collection("cli")]
public sealed class PipedOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-pipe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Basin(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "basin.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment.Remove("NO_COLOR");
        psi.Environment["COLORTERM"] = "truecolor";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), $"basin {string.Join(' ', args)} did not finish");
        return (p.ExitCode, output, err.Result);
    }

    private static void AssertPlain(string text, string what) =>
        Assert.False(text.Contains('\u001b'), $"{what} contains an escape character:\n{text}");

    [Fact]
    public void PipedOutputOfTablesProgressAndErrorsHasNoEscapeCharacter()
    {
        var model = Path.Combine(_dir, "m.safetensors");
        var runs = new[]
        {
            new[] { "sanode", "train", "--dataset", "letters", "--epochs", "2", "--out", model },
            ["sanode", "eval", "--model", model, "--dataset", "letters"],
            ["data", "list"],
            ["info"],
            ["dfsa", "terms"],
            ["sanode", "eval", "--model", Path.Combine(_dir, "missing.safetensors"), "--dataset", "letters"],
        };
        foreach (var args in runs)
        {
            var (code, output, err) = Basin(args);
            var what = "basin " + string.Join(' ', args);
            Assert.True(code == 0 || args.Contains(Path.Combine(_dir, "missing.safetensors")), $"{what} exited {code}: {err}");
            Assert.False(string.IsNullOrWhiteSpace(output + err), $"{what} printed nothing");
            AssertPlain(output, what + " (stdout)");
            AssertPlain(err, what + " (stderr)");
        }
    }

    [Fact]
    public void JsonOutputIsExactlyOneDocumentOnStdout()
    {
        var model = Path.Combine(_dir, "m.safetensors");
        foreach (var args in new[]
        {
            new[] { "sanode", "train", "--dataset", "letters", "--epochs", "2", "--out", model, "--json" },
            ["sanode", "eval", "--model", model, "--dataset", "letters", "--json"], ["info", "--json"],
            ["study", "synthetic", "--sizes", "20", "--test-size", "50", "--out", Path.Combine(_dir, "syn"), "--json"],
            ["crypto", "keygen", "--steps", "0", "--rounds", "2", "--out", Path.Combine(_dir, "k.key"), "--json"],
        })
        {
            var (code, output, err) = Basin(args);
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output); // throws on anything before or after the one document
            Assert.True(doc.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array, string.Join(' ', args));
            AssertPlain(err, "stderr");
        }
    }
}
