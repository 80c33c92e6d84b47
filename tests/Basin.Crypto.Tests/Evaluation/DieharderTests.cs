using Basin.Crypto.Evaluation;

namespace Basin.Crypto.Tests.Evaluation;

public class DieharderTests
{
    [Fact]
    public void CountsTheAssessmentsOfDieharderOutput()
    {
        const string text = "   diehard_birthdays|   0|       100|     100|0.51|  PASSED\n      diehard_operm5|   0|   1000000|     100|0.0003|   WEAK\n  diehard_rank_32x32|   0|     40000|     100|0.00000|  FAILED\n diehard_rank_6x8|   0|    100000|     100|0.77|  PASSED\n";
        var r = Dieharder.Count(text, 256, "dieharder.txt");
        Assert.Equal((2, 1, 1), (r.Passed, r.Weak, r.Failed));
        Assert.Contains("2 passed, 1 weak, 1 failed", r.Summary);
        Assert.Contains("not installed", new DieharderResult(false, false, 0, 0, 0, 256, null).Summary);
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
