using Basin.Studies.Benchmarks;

namespace Basin.Studies.Tests.Benchmarks;

public class BenchmarkTests
{
    [Fact]
    public void SaNodeBenchmarkTimesEveryRoundAndItsPhases()
    {
        var doc = SaNodeBenchmark.Run(new SaNodeBenchmarkOptions(N: 24, Batch: 4, Steps: 2, Repeats: 1, Rounds: 2, Torch: false, OpenBlas: false));
        Assert.Equal(2, doc["rounds"]!.AsArray().Count);
        Assert.True((double)doc["ms_per_batch"]! > 0);
        Assert.True((double)doc["fma_peak_gflops_f32"]! > 0);
        Assert.Equal(6, doc["phases_ms"]!.AsObject().Count);
        Assert.Null(doc["pytorch"]);
        Assert.StartsWith("Basin: ", SaNodeBenchmarkReport.Lines(doc)[0]);
        Assert.Throws<ArgumentException>(() => SaNodeBenchmark.Run(new SaNodeBenchmarkOptions(N: 4)));
    }

    [Fact]
    public void GemmComparisonReportsEachProviderAndPrecision()
    {
        var doc = GemmComparison.Run(new GemmComparisonOptions(M: 16, N: 12, K: 8, Threads: 1, Seconds: 0.01, Rounds: 1, Dtype: "f32"));
        var results = doc["results"]!.AsArray();
        Assert.Contains(results, r => (string)r!["provider"]! == "managed" && (string)r["dtype"]! == "f32");
        Assert.All(results, r => Assert.True((double)r!["gflops"]! > 0));
        Assert.Throws<ArgumentException>(() => GemmComparison.Run(new GemmComparisonOptions(M: 0)));
    }
}
