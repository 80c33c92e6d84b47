using System.CommandLine;
using System.Text.Json;
using Basin.Cli;
using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;

namespace Basin.Dfsa.Tests;

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection("console")]
public sealed class CliTests
{
    private static (int Code, string Out) Run(params string[] args)
    {
        var writer = new StringWriter();
        var old = Console.Out;
        Console.SetOut(writer);
        try
        {
            var parse = CliApp.Build().Parse(args);
            Assert.Empty(parse.Errors);
            int code = parse.Invoke(new InvocationConfiguration { Output = writer, EnableDefaultExceptionHandler = false });
            return (code, writer.ToString());
        }
        finally
        {
            Console.SetOut(old);
        }
    }

    [Fact]
    public void TrainHelpListsEveryCatalogueTerm()
    {
        var (code, help) = Run("dfsa", "train", "--help");
        Assert.Equal(0, code);
        foreach (var name in TermCatalogue.Names) Assert.Contains(name, help);
        foreach (var preset in new[] { "generic", "crypto", "obfuscation", "generative" }) Assert.Contains(preset, help);
    }

    [Fact]
    public void MeasureJsonHasMetricsForEveryTermAndAnAvalancheFigure()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"dfsa-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(dir, "m.safetensors");
            var (trainCode, _) = Run("dfsa", "train", "--preset", "obfuscation", "--steps", "3", "--in", "6", "--hidden", "8", "--batch", "16",
                "--out", model, "--json");
            Assert.Equal(0, trainCode);
            Assert.True(File.Exists(Path.Combine(dir, "m.curves", "curves.csv")));
            var (code, text) = Run("dfsa", "measure", model, "--json", "--batches", "2", "--batch", "16");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var metrics = root.GetProperty("metrics");
            foreach (var name in TermCatalogue.Names) Assert.Equal(JsonValueKind.Number, metrics.GetProperty(name).ValueKind);
            double avalanche = root.GetProperty("avalanche").GetDouble();
            Assert.InRange(avalanche, 0, 1);
            Assert.Equal("bits", root.GetProperty("input").GetString());
            Assert.Equal("obfuscation", root.GetProperty("preset").GetString());
            var (tableCode, table) = Run("dfsa", "measure", model, "--batches", "2", "--batch", "16");
            Assert.Equal(0, tableCode);   // the intervals "[lo, hi]" are not read as markup
            Assert.Contains("distance_correlation", table);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CryptoPresetTrainsTheDeepChaoticMlpUnlessTheShapeIsGiven()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"dfsa-crypto-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string a = Path.Combine(dir, "a.safetensors"), b = Path.Combine(dir, "b.safetensors");
            string[] common = ["dfsa", "train", "--preset", "crypto", "--steps", "1", "--in", "4", "--hidden", "4", "--batch", "8", "--json"];
            Assert.Equal(0, Run([.. common, "--out", a]).Code);
            Assert.Equal(0, Run([.. common, "--layers", "3", "--init-gain", "2", "--out", b]).Code);
            var shape = Presets.Network("crypto");
            var specA = Networks.DfsaModelFile.Load<double>(a).Network.Spec;
            var specB = Networks.DfsaModelFile.Load<double>(b).Network.Spec;
            Assert.Equal((shape.Layers, shape.InitGain), (specA.Layers, specA.InitGain));
            Assert.Equal((3, 2.0), (specB.Layers, specB.InitGain));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ArtWithTheSameSeedWritesIdenticalBytes()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"dfsa-art-{Guid.NewGuid():N}");
        try
        {
            string a = Path.Combine(dir, "a.png"), b = Path.Combine(dir, "b.png");
            string[] common = ["art", "--seed", "3", "--steps", "3", "--size", "24", "--hidden", "6", "--layers", "2"];
            Assert.Equal(0, Run([.. common, "--out", a]).Code);
            Assert.Equal(0, Run([.. common, "--out", b]).Code);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
