using System.Text.Json;

namespace Basin.Cli.Tests.Commands.SaNode;

[Collection("cli")]
public class SaNodeClassifyCommandTests
{
    private static string Digits => Path.Combine(Root(), "docs", "serve-digits");

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Basin.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("Basin.sln not found.");
    }

    [Theory]
    [InlineData("digit-7-300x400.jpg", 7)]
    [InlineData("digit-3-300x300.png", 3)]
    public void DrawnDigitsOfAnySizeClassifyCorrectly(string file, int expected)
    {
        var (code, stdout, stderr) = CliRunner.Run("sanode", "classify", "--model", "pretrained:mnist", "--image", Path.Combine(Digits, file),
            "--steps", "200", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(expected, r.GetProperty("class").GetInt32());
        Assert.True(r.GetProperty("settled").GetBoolean());
        Assert.True(r.GetProperty("sign_overlap").GetDouble() >= 0.95);
        Assert.Equal(10, r.GetProperty("overlaps").GetArrayLength());
        Assert.Contains("→ 28×28", r.GetProperty("source").GetString());
    }

    [Fact]
    public void NeverPreparingAnOddSizeAndGarbageAreOneErrorLine()
    {
        var (code, _, stderr) = CliRunner.Run("sanode", "classify", "--model", "pretrained:mnist", "--image", Path.Combine(Digits, "digit-3-300x300.png"),
            "--prepare", "never");
        Assert.Equal(1, code);
        Assert.Contains("300×300", stderr);
        var garbage = Path.Combine(Path.GetTempPath(), $"basin-garbage-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(garbage, [1, 2, 3, 4]);
        try
        {
            var (c2, _, e2) = CliRunner.Run("sanode", "classify", "--model", "pretrained:mnist", "--image", garbage);
            Assert.Equal(1, c2);
            Assert.Contains("not a readable image", e2);
            Assert.DoesNotContain("   at ", e2);
        }
        finally { File.Delete(garbage); }
    }
}
