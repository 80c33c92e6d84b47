using Basin.Tensors;

namespace Basin.Tensors.Tests;

public class RngTests
{
    [Fact]
    public void SameSeedSameStream()
    {
        var a = new Rng(42); var b = new Rng(42);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.NotEqual(new Rng(1).NextUInt64(), new Rng(2).NextUInt64());
    }

    [Fact]
    public void KnownFirstOutputIsStableAcrossVersions()
    {
        // Pinned so that a change of generator (which would silently change every seeded result) fails here.
        var r = new Rng(0);
        var first = r.NextUInt64();
        var again = new Rng(0).NextUInt64();
        Assert.Equal(first, again);
        Assert.Equal(0x99EC5F36CB75F2B4UL, first);
    }

    [Fact]
    public void UniformAndNormalMomentsAreRight()
    {
        var r = new Rng(7);
        const int n = 200_000;
        double su = 0, sn = 0, sn2 = 0;
        for (int i = 0; i < n; i++) { su += r.NextDouble(); double z = r.NextNormal(); sn += z; sn2 += z * z; }
        Assert.InRange(su / n, 0.495, 0.505);
        Assert.InRange(sn / n, -0.01, 0.01);
        Assert.InRange(sn2 / n, 0.98, 1.02);
    }

    [Fact]
    public void NextIntIsUnbiasedAndInRange()
    {
        var r = new Rng(3);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[r.NextInt(7)]++;
        foreach (var c in counts) Assert.InRange(c, 9_500, 10_500);
    }

    [Fact]
    public void StateSavesAndResumes()
    {
        var r = new Rng(5);
        r.NextNormal();
        var state = r.SaveState();
        var expected = new[] { r.NextNormal(), r.NextDouble() };
        var s = new Rng(99);
        s.RestoreState(state);
        Assert.Equal(expected, new[] { s.NextNormal(), s.NextDouble() });
    }

    [Fact]
    public void ForkedStreamsDiffer()
    {
        var r = new Rng(11);
        Assert.NotEqual(r.Fork(0).NextUInt64(), r.Fork(1).NextUInt64());
        Assert.Equal(r.Fork(3).NextUInt64(), r.Fork(3).NextUInt64());
    }

    [Fact]
    public void PermutationIsAPermutation()
    {
        var p = new Rng(1).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.OrderBy(x => x));
    }
}
