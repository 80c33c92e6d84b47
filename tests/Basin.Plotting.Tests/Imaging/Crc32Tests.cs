namespace Basin.Plotting.Tests.Imaging;

public class Crc32Tests
{
    [Fact]
    public void CheckValueOfStandardString() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void EmptyIsZero() => Assert.Equal(0u, Crc32.Compute([]));

    [Fact]
    public void IendChunkCrcMatchesSpecification() =>
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
}
