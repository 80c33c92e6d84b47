using Basin.Dfsa.Inputs;
using Basin.Dfsa.Measurement;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;
using Basin.Tensors;

namespace Basin.Dfsa.Tests.Measurement;

public class MeasureReportJsonTests
{
    [Fact]
    public void TheDocumentHasEveryMeasuredTermTheAvalancheOfBitInputsAndNoNonFiniteNumbers()
    {
        var net = new NetworkSpec(Architecture.Mlp, 6, 6, Hidden: 8).Validate().Create<double>(new Rng(1));
        var input = InputDistribution.Parse("bits");
        var report = DfsaMeasurer.Measure(net, input, new MeasureOptions { Batches = 2, BatchSize = 16 });
        var doc = MeasureReportJson.ToJson("m.safetensors", net.Spec, new Dictionary<string, string> { ["preset"] = "crypto" }, input, report);
        Assert.Equal("crypto", (string)doc["preset"]!);
        Assert.Equal("bits", (string)doc["input"]!);
        foreach (var name in report.Metrics.Keys) Assert.NotNull(doc["ci"]![name]);
        Assert.Equal(report.Metrics.Count + report.Skipped.Count, TermCatalogue.All.Count);
        Assert.InRange((double)doc["avalanche"]!, 0, 1);
        Assert.True((double)doc["sac_max_deviation"]! >= (double)doc["sac_deviation"]!);
        Assert.True((double)doc["sac_bound"]! > 0);
        Assert.Equal(report.SacPassed, (bool)doc["sac_passed"]!);
        Assert.DoesNotContain("NaN", doc.ToJsonString());
        Assert.DoesNotContain("Infinity", doc.ToJsonString());
    }
}
