using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Generate;

[Collection("cli")]
public sealed class GenerateCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-gen-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string F(string name) => Path.Combine(_dir, name);

    [Fact]
    public void TerrainLevelAndMusicAreReproducibleFiles()
    {
        foreach (var run in new[] { "a", "b" })
        {
            Assert.Equal(0, CliRunner.Run("generate", "terrain", "--seed", "2", "--size", "32", "--steps", "1", "--tileable", "-o", F($"t{run}.png")).Code);
            Assert.Equal(0, CliRunner.Run("generate", "level", "--seed", "2", "--width", "16", "--height", "10", "--steps", "1", "-o", F($"l{run}.json")).Code);
            Assert.Equal(0, CliRunner.Run("generate", "music", "--seed", "2", "--bars", "2", "--steps", "1", "-o", F($"m{run}.mid")).Code);
        }
        foreach (var f in new[] { "t{0}.png", "t{0}-preview.png", "l{0}.json", "l{0}.png", "m{0}.mid", "m{0}.wav" })
            Assert.Equal(File.ReadAllBytes(F(string.Format(f, "a"))), File.ReadAllBytes(F(string.Format(f, "b"))));
        Assert.True(JsonNode.Parse(File.ReadAllText(F("la.json")))!["path_found"]!.GetValue<bool>());
    }

    [Fact]
    public void MusicJsonReportsEntropyAndBadOptionsFailWithOneLine()
    {
        var (code, o, _) = CliRunner.Run("generate", "music", "--seed", "1", "--bars", "2", "--steps", "1", "--entropy", "high", "--json", "-o", F("m.mid"));
        Assert.Equal(0, code);
        var j = JsonNode.Parse(o)!;
        Assert.True(j["rms"]!.GetValue<double>() > 0.05);
        Assert.True(j["pitch_class_entropy_bits"]!.GetValue<double>() > 0);
        var bad = CliRunner.Run("generate", "music", "--bars", "0", "-o", F("x.mid"));
        Assert.NotEqual(0, bad.Code);
        Assert.StartsWith("error:", bad.Err.Trim());
        Assert.Single(bad.Err.Trim().Split('\n'));
    }
}
