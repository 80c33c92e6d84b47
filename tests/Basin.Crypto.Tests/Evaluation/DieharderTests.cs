using Basin.Crypto.Evaluation;

namespace Basin.Crypto.Tests.Evaluation;

public class DieharderTests
{
    [Fact]
    public void ParsesTheAssessmentLinesOfDieharderOutput()
    {
        const string text = "#=====#\n        test_name   |ntup| tsamples |psamples|  p-value |Assessment\n   diehard_birthdays|   0|       100|     100|0.51|  PASSED\n      diehard_operm5|   0|   1000000|     100|0.0003|   WEAK\n  diehard_rank_32x32|   0|     40000|     100|0.00000|  FAILED\n     sts_serial|  16|    100000|     100|0.77|  PASSED  \n";
        var tests = text.Split('\n').Select(Dieharder.Parse).OfType<DieharderTest>().ToList();
        Assert.Equal(["diehard_birthdays", "diehard_operm5", "diehard_rank_32x32", "sts_serial"], tests.Select(t => t.Name));
        Assert.Equal(16, tests[3].Ntup);
        Assert.Equal(0.0003, tests[1].PValue);
        var r = new DieharderResult("basin", true, false, 1_000_000_000, 60, tests);
        Assert.Equal((2, 1, 1), (r.Passed, r.Weak, r.Failed));
        Assert.Contains("2 passed, 1 weak, 1 failed", r.Summary);
        Assert.Contains("not installed", DieharderResult.Missing("aes").Summary);
    }

    /// <summary>A fact that reports itself skipped where dieharder is not installed.</summary>
    public sealed class DieharderFactAttribute : FactAttribute
    {
        public DieharderFactAttribute() { if (Dieharder.Find() is null) Skip = "dieharder is not installed (apt-get install dieharder)"; }
    }

    [DieharderFact]
    public void OneDieharderTestRunsOnTheKeystreamThroughStandardInput()
    {
        var r = Dieharder.Run(new AesBlockFunction(new byte[16]), new DieharderOptions("-d 0", TimeoutMinutes: 2));
        Assert.False(r.TimedOut);
        Assert.Equal("diehard_birthdays", Assert.Single(r.Tests).Name);
        Assert.True(r.BytesFed > 0);
    }

    [Fact]
    public void KeystreamFileIsTheCounterModeKeystreamOfNonceZero()
    {
        var key = TestKeys.Random(4);
        var path = Path.GetTempFileName();
        try
        {
            Keystream.WriteFile(key, path, (1 << 20) + 48);
            var expected = new byte[(1 << 20) + 48];
            new BasinBlockFunction(key, new byte[16]).Keystream(expected, 0);
            Assert.Equal(expected, File.ReadAllBytes(path));
            Assert.Throws<ArgumentException>(() => Keystream.WriteFile(key, path, 0));
        }
        finally { File.Delete(path); }
    }
}
