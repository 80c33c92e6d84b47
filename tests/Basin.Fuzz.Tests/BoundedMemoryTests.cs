using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Basin.Fuzz.Targets;

namespace Basin.Fuzz.Tests;

/// <summary>
/// Headers that declare gigabytes in files of a few bytes (issue 28 §1: "a header that declares 4 GB must not allocate
/// 4 GB"): each is refused with the format's own error while the reader allocates less than 64 MiB.
/// </summary>
public sealed class BoundedMemoryTests
{
    private const long Limit = 64L << 20;

    private static void RefusedCheaply(FuzzTarget target, byte[] input, string expected)
    {
        var o = FuzzInvariant.Check(target, input);
        Assert.False(o.Accepted);
        Assert.Contains(expected, o.Rejection);
        Assert.True(o.AllocatedBytes < Limit, $"{target.Name}: allocated {o.AllocatedBytes} bytes");
    }

    private static byte[] IdxHeader(params uint[] dims)
    {
        var b = new byte[4 + 4 * dims.Length + 10];
        b[2] = 0x08; b[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4 + 4 * i), dims[i]);
        return b;
    }

    private static byte[] Gzip(byte[] b)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal)) gz.Write(b);
        return ms.ToArray();
    }

    [Fact]
    public void Idx_Declaring4GB_OrJustUnderTheArrayLimit_PlainAndGzip()
    {
        RefusedCheaply(new IdxTarget(), IdxHeader(4, 1_000_000_000), "more than an array can hold");
        RefusedCheaply(new IdxTarget(), IdxHeader(2_000_000_000), "truncated");
        RefusedCheaply(new IdxTarget(), Gzip(IdxHeader(2_000_000_000)), "truncated");
        RefusedCheaply(new IdxTarget(), Gzip(IdxHeader(40_000, 224, 224)), "truncated");
    }

    [Fact]
    public void SafeTensors_HeaderLengthOf4GB_AndATensorDeclaring4GB()
    {
        var len = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(len, 4UL << 30);
        RefusedCheaply(new SafeTensorsTarget(), len, "header length");
        var json = Encoding.UTF8.GetBytes("""{"w":{"dtype":"F32","shape":[1000000000],"data_offsets":[0,4000000000]}}""");
        var file = new byte[8 + json.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        RefusedCheaply(new SafeTensorsTarget(), file, "run past");
    }

    [Fact]
    public void Images_PgmAndPngHeadersDeclaring4GPixels()
    {
        RefusedCheaply(new ImageTarget(), Encoding.ASCII.GetBytes("P5\n65535 65535\n255\n\0\0\0\0"), "megapixels");
        RefusedCheaply(new ImageTarget(), Encoding.ASCII.GetBytes("P2\n65535 65535\n255\n0 0 0"), "megapixels");
        RefusedCheaply(new ImageTarget(), Encoding.ASCII.GetBytes("P5\n4000 4000\n255\n\0\0\0\0"), "truncated");
        RefusedCheaply(new ImageTarget(), Encoding.ASCII.GetBytes("P2\n4000 4000\n255\n0 0 0"), "truncated");
        var px = new byte[4];
        var png = Basin.Plotting.PngEncoder.Encode(px, 2, 2, Basin.Plotting.PngColorType.Grayscale);
        // IHDR starts at byte 8 (length, "IHDR", width, height, …, CRC): widen to 100 000 × 100 000 and fix the CRC.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        RefusedCheaply(new ImageTarget(), png, "megapixels");
        // Within the 64-megapixel cap but more than a file of this size can hold: refused before SkiaSharp allocates.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 4_000);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 4_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        RefusedCheaply(new ImageTarget(), png, "can hold");
    }

    /// <summary>CRC-32 (ISO-HDLC, reflected 0xEDB88320) as PNG chunks use it.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
    }

    [Fact]
    public void SaNodeModel_DeclaringNOf100000_IsRefusedBeforeItsNxNMatricesAreAllocated()
    {
        var seed = new SaNodeModelTarget().Seeds().First().Bytes;
        var bundle = Basin.Tensors.IO.SafeTensors.Read(seed);
        bundle.Metadata["config"] = bundle.Metadata["config"].Replace("\"N\":6", "\"N\":100000").Replace("\"K\":2", "\"K\":10");
        Assert.Contains("100000", bundle.Metadata["config"]);
        RefusedCheaply(new SaNodeModelTarget(), SafeTensorsTarget.ToBytes(bundle), "exceeds the largest model");
        bundle.Metadata["config"] = bundle.Metadata["config"].Replace("\"N\":100000", "\"N\":4000");
        RefusedCheaply(new SaNodeModelTarget(), SafeTensorsTarget.ToBytes(bundle), "phi_train");
    }

    [Fact]
    public void ObfuscatedFile_DeclaringTwoTo40Rows()
    {
        var seed = new ObfuscatedFileTarget().Seeds().First().Bytes;
        BinaryPrimitives.WriteInt64LittleEndian(seed.AsSpan(28), 1L << 40);
        RefusedCheaply(new ObfuscatedFileTarget(), seed, "corrupt header");
    }

    [Fact]
    public void Cipher_TheLargestChunkAHeaderMayDeclare_CostsOneBoundedBuffer()
    {
        var seed = new CipherTarget().Seeds().First().Bytes;
        seed[10] = 24; // 16 MiB chunks: the header (bound into every tag) no longer verifies
        RefusedCheaply(new CipherTarget(), seed, "Authentication failed");
    }
}
