namespace Basin.Plotting.Tests.Scales;

public class TickFormatterTests
{
    [Theory]
    [InlineData(0.0, 0.2, "0")]
    [InlineData(0.4, 0.2, "0.4")]
    [InlineData(-0.4, 0.2, "\u22120.4")]
    [InlineData(20.0, 5.0, "20")]
    [InlineData(0.25, 0.05, "0.25")]
    [InlineData(2500000.0, 500000.0, "2.5e6")]
    [InlineData(0.00002, 0.00001, "2e\u22125")]
    public void Formats(double value, double step, string expected) =>
        Assert.Equal(expected, TickFormatter.Format(value, step));

    [Theory]
    [InlineData(1e-3, "0.001")]
    [InlineData(100.0, "100")]
    [InlineData(1e6, "1e6")]
    [InlineData(1e-9, "1e\u22129")]
    public void FormatsLogDecades(double value, string expected) =>
        Assert.Equal(expected, TickFormatter.FormatLog(value));
}
