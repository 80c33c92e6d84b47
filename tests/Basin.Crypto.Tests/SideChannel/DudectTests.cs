using Basin.Crypto.SideChannel;

namespace Basin.Crypto.Tests.SideChannel;

public class DudectTests
{
    [Fact]
    public void WelchTMatchesTheClosedForm()
    {
        // class 0: 1, 2, 3 (mean 2, s² = 1); class 1: 4, 6, 8, 10 (mean 7, s² = 20/3): t = −5/√(1/3 + 5/3) = −5/√2
        var data = new List<(byte, long)> { (0, 1), (0, 2), (0, 3), (1, 4), (1, 6), (1, 8), (1, 10) };
        Assert.Equal(-5 / Math.Sqrt(2), Dudect.Welch(data, long.MaxValue, out var m0, out var m1), 12);
        Assert.Equal(2, m0, 12);
        Assert.Equal(7, m1, 12);
        Assert.Equal(-3 / Math.Sqrt(1.0 / 3 + 2.0 / 2), Dudect.Welch(data, 6, out _, out _), 12);   // cropped at 6: class 1 = 4, 6
    }

    [Fact]
    public void ThePositiveControlLeaks()
    {
        var f = TestKeys.Random().RoundFunction;
        var leaky = TimingSubjects.For(f, TestKeys.Random().MessageCipher(new byte[16])).Single(s => s.Name.StartsWith("leaky"));
        var r = Dudect.Run(leaky.Name, leaky.Subject, measurements: 50_000);
        Assert.True(r.Leaks, $"|t| = {r.MaxAbsT}, fixed {r.MeanFixedNs:F1} ns, random {r.MeanRandomNs:F1} ns");
        Assert.True(r.MeanRandomNs > r.MeanFixedNs);
        Assert.Throws<ArgumentException>(() => Dudect.Run("x", x => x, measurements: 10));
    }

    [Fact]
    public void EverySupportedPathAndTheBatchedEvaluationsAreTimedAndComputeTheCipher()
    {
        var key = TestKeys.Random(4);
        var cipher = key.MessageCipher(new byte[16]);
        var f = key.RoundFunction;
        var subjects = TimingSubjects.For(f, cipher).ToDictionary(s => s.Name, s => s.Subject);
        foreach (var path in Basin.Crypto.Cipher.RoundFunctionPaths.All.Where(Basin.Crypto.Cipher.RoundFunctionPaths.IsSupported))
        {
            var subject = Assert.Single(subjects, s => s.Key.StartsWith("round function (constant time") && s.Key.Contains(Basin.Crypto.Cipher.RoundFunctionPaths.Name(path))).Value;
            Assert.Equal(f.EvaluateReference(0x0123456789abcdefUL), subject(0x0123456789abcdefUL));
        }
        ulong x = 0xfedcba9876543210UL;
        var four = Assert.Single(subjects, s => s.Key.StartsWith("round function ×4")).Value;
        Assert.Equal(f.EvaluateReference(x) ^ f.EvaluateReference(x ^ 1) ^ f.EvaluateReference(x ^ 2) ^ f.EvaluateReference(x ^ 3), four(x));
        var ks = new byte[64];
        cipher.WithPath(Basin.Crypto.Cipher.RoundFunctionPath.Portable).XorKeystream(ks, x);
        var keystream = Assert.Single(subjects, s => s.Key.StartsWith("keystream, 4 blocks")).Value;
        Assert.Equal(BitConverter.ToUInt64(ks, 0) ^ BitConverter.ToUInt64(ks, 56), keystream(x));
    }
}
