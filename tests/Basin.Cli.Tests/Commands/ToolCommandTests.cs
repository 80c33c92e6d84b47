using System.Text.Json;

namespace Basin.Cli.Tests.Commands;

[Collection("cli")]
public class ToolCommandTests
{
    [Fact]
    public void VersionPrintsThePlainPackageVersion()
    {
        var (code, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", output.Trim());
        Assert.Equal(CliApp.Version, output.Trim());
        Assert.DoesNotContain("+", output);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("demo", "--epochs", "many")]
    [InlineData("sanode", "eval", "--no-such-option")]
    public void ABadCommandLineIsOneErrorLineAndExitCode2(params string[] args)
    {
        var (code, output, err) = CliRunner.Run(args);
        Assert.Equal(CliApp.UsageExitCode, code);
        Assert.Equal("", output);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.EndsWith("Run 'basin --help' for usage.", lines[0].TrimEnd());
    }

    [Fact]
    public void UsageErrorPutsTheSpecificMessageFirst() =>
        Assert.Equal("error: Unrecognized command or argument '--x'; Required command was not provided. Run 'basin --help' for usage.",
            CliApp.UsageError(["Required command was not provided.", "Unrecognized command or argument '--x'."]));

    [Fact]
    public void DemoJsonIsOneDocumentOnStdoutWithTheScores()
    {
        var dir = Directory.CreateTempSubdirectory("basin-demo-cli-");
        try
        {
            var (code, output, err) = CliRunner.Run("demo", "--epochs", "3", "--out", dir.FullName, "--json");
            Assert.True(code == 0, err);
            Assert.Contains("Training SA-nODE", err);
            using var doc = JsonDocument.Parse(output);
            var scores = doc.RootElement.GetProperty("result").GetProperty("scores").EnumerateArray().ToList();
            Assert.Equal(4, scores.Count);
            Assert.Equal(0.0, scores[0].GetProperty("epsilon").GetDouble());
            Assert.True(File.Exists(doc.RootElement.GetProperty("picture").GetString()));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void DataListJsonNamesTheCacheAndEveryDataset()
    {
        var (code, output, err) = CliRunner.Run("data", "list", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("cache").GetString()));
        var names = doc.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("dataset").GetString()).ToList();
        Assert.Contains("letters", names);
        Assert.Contains("mnist", names);
    }
}
