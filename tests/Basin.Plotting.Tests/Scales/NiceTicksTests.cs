namespace Basin.Plotting.Tests.Scales;

public class NiceTicksTests
{
    [Theory]
    [InlineData(0.7, true, 0.5)]
    [InlineData(1.4, true, 1)]
    [InlineData(2.9, true, 2)]
    [InlineData(6.9, true, 5)]
    [InlineData(7.1, true, 10)]
    [InlineData(1.2, false, 2)]
    [InlineData(4.9, false, 5)]
    [InlineData(5.1, false, 10)]
    [InlineData(0.00034, false, 0.0005)]
    public void NiceNumbers(double x, bool round, double expected) =>
        Assert.Equal(expected, NiceTicks.NiceNumber(x, round), 12);

    [Fact]
    public void LinearUnitRange()
    {
        TickSet t = NiceTicks.Linear(0, 1, 6);
        Assert.Equal(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, t.Major);
        Assert.Equal(0.2, t.Step, 12);
    }

    [Fact]
    public void LinearLooseBoundsContainData()
    {
        TickSet t = NiceTicks.Linear(-3.7, 12.2, 6);
        Assert.True(t.Min <= -3.7 && t.Max >= 12.2);
        Assert.Equal(new double[] { -5, 0, 5, 10, 15 }, t.Major);
    }

    [Fact]
    public void TicksHaveNoFloatingResidue()
    {
        TickSet t = NiceTicks.Linear(0, 0.9, 10);
        Assert.Contains(0.3, t.Major);
        Assert.All(t.Major, v => Assert.Equal(v, Math.Round(v, 10)));
    }

    [Fact]
    public void DegenerateRangeIsWidened()
    {
        TickSet t = NiceTicks.Linear(5, 5, 5);
        Assert.True(t.Min < 5 && t.Max > 5);
        TickSet z = NiceTicks.Linear(0, 0, 5);
        Assert.True(z.Min < 0 && z.Max > 0);
    }

    [Fact]
    public void InsideKeepsBounds()
    {
        TickSet t = NiceTicks.Inside(0.13, 0.87, 6);
        Assert.Equal(0.13, t.Min);
        Assert.Equal(new[] { 0.2, 0.4, 0.6, 0.8 }, t.Major);
    }

    [Fact]
    public void LogTicksAtDecades()
    {
        TickSet t = NiceTicks.Log(0.003, 420);
        Assert.Equal(new[] { 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000 }, t.Major.Select(v => Math.Round(v, 12)).ToArray());
        Assert.Contains(2e-3, t.Minor.Select(v => Math.Round(v, 12)));
        TickSet wide = NiceTicks.Log(1e-18, 1, 8);
        Assert.True(wide.Major.Length <= 8);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => NiceTicks.NiceNumber(0, true));
        Assert.Throws<ArgumentException>(() => NiceTicks.Linear(double.NaN, 1));
        Assert.Throws<ArgumentException>(() => NiceTicks.Log(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Linear(0, 1, 1));
    }
}
