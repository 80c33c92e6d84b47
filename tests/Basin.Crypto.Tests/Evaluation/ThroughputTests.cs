using Basin.Crypto.Cipher;
using Basin.Crypto.Evaluation;

namespace Basin.Crypto.Tests.Evaluation;

public class ThroughputTests
{
    [Fact]
    public void MeasuresEveryContenderAndEverySupportedPathInOneRun()
    {
        var r = Throughput.Measure(TestKeys.Random(4), megabytes: 0.25, repeats: 1);
        var expected = new[] { "basin", "basin-keystream", "basin-keystream-tables", "basin-keystream-1-thread", "weak", "aes-gcm" }
            .Concat(RoundFunctionPaths.All.Where(p => p != RoundFunctionPaths.Deployed && RoundFunctionPaths.IsSupported(p))
                .Select(p => "basin-keystream-" + RoundFunctionPaths.Name(p)))
            .Concat(OperatingSystem.IsLinux() ? ["basin-keystream-1-thread-cpu", "aes-gcm-cpu"] : []);
        foreach (var name in expected) Assert.True(r.TryGetValue(name, out var v) && v > 0 && double.IsFinite(v), name);
        Assert.DoesNotContain(r.Keys, k => RoundFunctionPaths.All.Any(p => !RoundFunctionPaths.IsSupported(p) && k.EndsWith(RoundFunctionPaths.Name(p))));
    }
}
