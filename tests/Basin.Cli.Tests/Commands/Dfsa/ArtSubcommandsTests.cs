using System.Text.Json.Nodes;
using Basin.Generative.Imaging;

namespace Basin.Cli.Tests.Commands.Dfsa;

[Collection("cli")]
public sealed class ArtSubcommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-art-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string F(string name) => Path.Combine(_dir, name);

    [Fact]
    public void AnimateWritesTheSameLoopingApngForTheSameSeed()
    {
        string[] common = ["art", "animate", "--seed", "4", "--size", "16", "--frames", "6", "--steps", "1", "--hidden", "6", "--layers", "2"];
        Assert.Equal(0, CliRunner.Run([.. common, "-o", F("a.png")]).Code);
        var (code, o, _) = CliRunner.Run([.. common, "--json", "-o", F("b.png")]);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllBytes(F("a.png")), File.ReadAllBytes(F("b.png")));
        Assert.Equal(6, ApngFile.Decode(File.ReadAllBytes(F("a.png"))).Frames.Count);
        var j = JsonNode.Parse(o)!;
        Assert.True(j["wrap_step"]!.GetValue<double>() <= j["max_step"]!.GetValue<double>());
    }

    [Fact]
    public void ClassicAndRichSheetsDifferAndReportDiversity()
    {
        string[] common = ["art", "--seed", "1", "--count", "2", "--steps", "1", "--size", "16", "--json"];
        var rich = JsonNode.Parse(CliRunner.Run([.. common, "-o", F("r.png")]).Out)!;
        var classic = JsonNode.Parse(CliRunner.Run([.. common, "--model", "classic", "-o", F("c.png")]).Out)!;
        Assert.Equal("rich", rich["model"]!.GetValue<string>());
        Assert.Equal("classic", classic["model"]!.GetValue<string>());
        Assert.True(rich["diversity"]!["PixelDistance"] is not null || rich["diversity"]!["pixel_distance"] is not null);
        Assert.NotEqual(File.ReadAllBytes(F("r.png")), File.ReadAllBytes(F("c.png")));
    }

    [Fact]
    public void StorageWritesATableWithPngCppnAndMatchedJpegRows()
    {
        var (code, _, err) = CliRunner.Run("art", "storage", "--size", "16", "--mnist", "0", "--steps", "5", "-o", F("st"));
        Assert.True(code == 0, err);
        var rows = JsonNode.Parse(File.ReadAllText(F("st/storage.json")))!.AsArray();
        Assert.Equal(7, rows.Count);
        Assert.Equal("png", rows[0]!["method"]!.GetValue<string>());
        foreach (var r in rows.Where(r => r!["matched_to_bytes"] is not null))
            Assert.True(r!["bytes"]!.GetValue<int>() <= r["matched_to_bytes"]!.GetValue<int>() || r["method"]!.GetValue<string>() == "jpeg q=1");
        Assert.True(File.Exists(F("st/basin-render.png")));
    }
}
