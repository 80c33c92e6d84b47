namespace Basin.Plotting.Tests.Scales;

public class AxisTests
{
    [Fact]
    public void FixedLimitsWidenAnAxisBeyondItsData()
    {
        // Data hugging 1 (a ratio that should read as "1") on an axis fixed to [0, 1.2].
        var axis = Axis.Numeric(0.9998, 1.00001, log: false, fixedMin: 0, fixedMax: 1.2, pad: 0.05, includeZero: false, maxTicks: 6);
        Assert.Equal(0, axis.Min);
        Assert.Equal(1.2, axis.Max);
        Assert.Contains(axis.Ticks, t => t.Value == 1);
    }

    [Fact]
    public void FixedLimitsNarrowAnAxisAndOneSidedLimitsKeepTheOtherAutomatic()
    {
        var axis = Axis.Numeric(-3, 250, log: false, fixedMin: 0, fixedMax: 100, pad: 0.05, includeZero: false, maxTicks: 6);
        Assert.Equal((0.0, 100.0), (axis.Min, axis.Max));
        var lower = Axis.Numeric(0.2, 0.7, log: false, fixedMin: 0, fixedMax: null, pad: 0, includeZero: false, maxTicks: 6);
        Assert.Equal(0, lower.Min);
        Assert.True(lower.Max >= 0.7);
    }

    [Fact]
    public void LimitsThatLeaveNoRangeOrAreNotPositiveOnALogAxisAreIgnored()
    {
        var inverted = Axis.Numeric(1, 2, log: false, fixedMin: 5, fixedMax: 3, pad: 0, includeZero: false, maxTicks: 6);
        Assert.True(inverted.Min <= 1 && inverted.Max >= 2);
        var log = Axis.Numeric(10, 1000, log: true, fixedMin: 0, fixedMax: null, pad: 0, includeZero: false, maxTicks: 6);
        Assert.True(log.Min > 0 && log.Min <= 10);
    }
}
