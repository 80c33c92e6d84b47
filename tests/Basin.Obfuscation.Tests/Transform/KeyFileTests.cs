using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.Transform;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-obf-key").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void SaveLoad_RoundTripsTheKeyAndItsMap()
    {
        var key = TestData.SmallKey(20, geometry: 3, steps: 12, center: 0.2, scale: 0.7);
        var path = Path.Combine(_dir, "k.safetensors");
        KeyFile.Save(key, path);
        var back = KeyFile.Load(path);
        Assert.Equal(key.Fingerprint, back.Fingerprint);
        Assert.Equal(key.Secret, back.Secret);
        var x = TestData.RandomRows(new Random(1), 6, 20, 1);
        Assert.Equal(new KeyedTransform(key).ForwardRows(x, 6), new KeyedTransform(back).ForwardRows(x, 6));
    }

    [Fact]
    public void AlteredFile_IsRefused()
    {
        var path = Path.Combine(_dir, "k.safetensors");
        KeyFile.Save(TestData.SmallKey(20), path);
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40;   // a weight's low byte
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FormatException>(() => KeyFile.Load(path));
        Assert.Contains("fingerprint", e.Message);
    }

    [Fact]
    public void NotAKey_AndTruncatedKey_AreRefusedClearly()
    {
        var junk = Path.Combine(_dir, "junk");
        File.WriteAllText(junk, "hello");
        Assert.Throws<FormatException>(() => KeyFile.Load(junk));
        var path = Path.Combine(_dir, "k.safetensors");
        KeyFile.Save(TestData.SmallKey(20), path);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        Assert.Throws<FormatException>(() => KeyFile.Load(path));
        Assert.Throws<FileNotFoundException>(() => KeyFile.Load(Path.Combine(_dir, "missing")));
    }
}
