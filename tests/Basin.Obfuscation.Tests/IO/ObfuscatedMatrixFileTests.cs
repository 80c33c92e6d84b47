using Basin.Data;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.IO;

public sealed class ObfuscatedMatrixFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-obf-io").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private (string Path, byte[] Pixels) WriteIdx(int count, int rows, int cols, bool gzip, int seed = 1)
    {
        var px = new byte[count * rows * cols];
        new Random(seed).NextBytes(px);
        var path = Path.Combine(_dir, gzip ? "images.idx.gz" : "images.idx");
        IdxWriter.WriteFile(path, px, [count, rows, cols], gzip);
        return (path, px);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxRoundTrip_IsExact_ByteForByte(bool gzip)
    {
        int count = ObfuscatedMatrixFile.ChunkRows + 5;
        var (idx, px) = WriteIdx(count, 6, 5, gzip);
        var t = new KeyedTransform(TestData.SmallKey(30, block: 8, center: 0.5, scale: 0.3));
        var obf = Path.Combine(_dir, "o.bobf");
        Assert.Equal(count, ObfuscatedMatrixFile.ApplyIdx(t, idx, obf));
        Assert.True(ObfuscatedMatrixFile.IsObfuscatedFile(obf));
        var (rows, n, d) = ObfuscatedMatrixFile.ReadAll(obf, t.Key.Fingerprint);
        Assert.Equal((count, 30), (n, d));
        var expected = t.ForwardRows(px.Select(b => b / 255.0).ToArray(), count);
        Assert.Equal(expected, rows);
        var back = Path.Combine(_dir, "back.idx");
        Assert.Equal(count, ObfuscatedMatrixFile.Invert(t, obf, back));
        var arr = IdxReader.Read(back);
        Assert.Equal(new[] { count, 6, 5 }, arr.Dimensions);
        Assert.Equal(px, arr.Data);
    }

    [Fact]
    public void WrongKey_TruncatedFile_AndTrailingBytes_AreRefused_AndNoOutputIsLeft()
    {
        var (idx, _) = WriteIdx(10, 4, 4, false);
        var t = new KeyedTransform(TestData.SmallKey(16, seed: 1));
        var obf = Path.Combine(_dir, "o.bobf");
        ObfuscatedMatrixFile.ApplyIdx(t, idx, obf);
        var back = Path.Combine(_dir, "back.idx");
        Assert.Throws<WrongKeyException>(() => ObfuscatedMatrixFile.Invert(new KeyedTransform(TestData.SmallKey(16, seed: 2)), obf, back));
        var bytes = File.ReadAllBytes(obf);
        File.WriteAllBytes(obf, bytes[..^9]);
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.Invert(t, obf, back)).Message);
        File.WriteAllBytes(obf, [.. bytes, 0]);
        Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.Invert(t, obf, back));
        Assert.False(File.Exists(back));
    }

    [Fact]
    public void AlteredValue_IsDetectedAsNotAByteImage()
    {
        var (idx, _) = WriteIdx(3, 4, 4, false);
        var t = new KeyedTransform(TestData.SmallKey(16));
        var obf = Path.Combine(_dir, "o.bobf");
        ObfuscatedMatrixFile.ApplyIdx(t, idx, obf);
        var bytes = File.ReadAllBytes(obf);
        bytes[^20] ^= 0x10;
        File.WriteAllBytes(obf, bytes);
        Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.Invert(t, obf, Path.Combine(_dir, "b.idx")));
    }

    [Fact]
    public void WrongDimension_AndNonIdxInput_AreRefused()
    {
        var (idx, _) = WriteIdx(3, 4, 4, false);
        Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.ApplyIdx(new KeyedTransform(TestData.SmallKey(15)), idx, Path.Combine(_dir, "o")));
        var txt = Path.Combine(_dir, "t.idx");
        File.WriteAllText(txt, "1,2,3");
        Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.ApplyIdx(new KeyedTransform(TestData.SmallKey(16)), txt, Path.Combine(_dir, "o")));
        Assert.Throws<FormatException>(() => ObfuscatedMatrixFile.Invert(new KeyedTransform(TestData.SmallKey(16)), txt, Path.Combine(_dir, "o")));
    }
}
