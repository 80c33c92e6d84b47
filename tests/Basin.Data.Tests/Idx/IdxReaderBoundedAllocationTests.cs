using System.Buffers.Binary;
using System.IO.Compression;

namespace Basin.Data.Tests.Idx;

/// <summary>Fuzzing regression (issue 28): a 22-byte IDX header declaring 117 MB (or 1.9 GB) allocated it before finding the data missing.</summary>
public sealed class IdxReaderBoundedAllocationTests
{
    private static byte[] Header(uint count)
    {
        var b = new byte[8 + 14];
        b[2] = 0x08; b[3] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), count);
        return b;
    }

    private static long Allocated(byte[] file)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(file), "hostile.idx"));
        Assert.Contains("truncated", e.Message);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void ADeclaredSizeBeyondTheData_FailsWithoutAllocatingIt_PlainAndGzip()
    {
        Assert.True(Allocated(Header(2_000_000_000)) < 1 << 20);
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Header(2_000_000_000));
        Assert.True(Allocated(ms.ToArray()) < 8 << 20);
    }

    [Fact]
    public void ALargeGzipFile_StillReadsExactly_ThroughTheGrowingBuffer()
    {
        var data = new byte[3 << 20];
        new Random(1).NextBytes(data);
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) IdxWriter.Write(gz, data, [data.Length]);
        ms.Position = 0;
        Assert.Equal(data, IdxReader.Read(ms, "large.idx.gz").Data);
    }
}
