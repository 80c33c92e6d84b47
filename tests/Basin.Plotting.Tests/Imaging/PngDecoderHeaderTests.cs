using System.Buffers.Binary;

namespace Basin.Plotting.Tests.Imaging;

/// <summary>Issue 28: an IHDR declaring 100 000 × 100 000 pixels in a tiny file allocated 10 GB before inflating (zlib expands at most 1032:1).</summary>
public sealed class PngDecoderHeaderTests
{
    [Fact]
    public void AHeaderLargerThanItsDataCanHold_IsRefusedBeforeAllocating()
    {
        var png = PngEncoder.Encode(new byte[4], 2, 2, PngColorType.Grayscale);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32.Compute(png.AsSpan(12, 17)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("too short", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png)).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
