using System.Buffers.Binary;
using Basin.Data;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.IO;

/// <summary>Fuzzing regression (issue 28): a row count whose byte size overflows, or item dimensions that multiply to d while negative, threw OverflowException / EndOfStreamException.</summary>
public sealed class ObfuscatedMatrixFileHeaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-obf-hdr").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData(28, 8, 0x0100_0000_0000_0000L)] // rows: 2^56 × d × 8 overflows long
    [InlineData(28, 8, 0x0000_0001_0000_0000L)] // rows beyond an IDX count
    public void HostileRowCounts_AreFormatErrors(int offset, int size, long value)
    {
        _ = size;
        var t = new KeyedTransform(TestData.SmallKey(8));
        string idx = Path.Combine(_dir, "i.idx"), obf = Path.Combine(_dir, "o.bobf");
        IdxWriter.WriteFile(idx, new byte[16], [2, 2, 4]);
        ObfuscatedMatrixFile.ApplyIdx(t, idx, obf);
        var b = File.ReadAllBytes(obf);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(offset), value);
        File.WriteAllBytes(obf, b);
        Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.Invert(t, obf, Path.Combine(_dir, "back.idx")));
        Assert.False(File.Exists(Path.Combine(_dir, "back.idx")));
    }

    [Fact]
    public void NegativeItemDimensions_AreFormatErrors()
    {
        var t = new KeyedTransform(TestData.SmallKey(8));
        string idx = Path.Combine(_dir, "i.idx"), obf = Path.Combine(_dir, "o.bobf");
        IdxWriter.WriteFile(idx, new byte[16], [2, 2, 4]);
        ObfuscatedMatrixFile.ApplyIdx(t, idx, obf);
        var b = File.ReadAllBytes(obf);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(42), -2);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(46), -4);
        File.WriteAllBytes(obf, b);
        Assert.Contains("item dimension", Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.Invert(t, obf, Path.Combine(_dir, "back.idx"))).Message);
    }
}
