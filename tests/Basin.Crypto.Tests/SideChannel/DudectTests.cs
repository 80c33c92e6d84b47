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
}
