using Basin.Crypto.Keys;

namespace Basin.Fuzz.Targets;

/// <summary>Cipher key files (<see cref="CipherKey.FromBytes"/>): magic, size, version, integrity tag, round-function weights.</summary>
public sealed class CipherKeyTarget : FuzzTarget
{
    public override string Name => "cipher-key";
    public override string Description => "CipherKey.FromBytes: a cipher key file";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];
    public override void Parse(byte[] input) => CipherKey.FromBytes(input, "fuzz.key");
    public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => [("key", FuzzKeys.CipherKey.ToBytes())];
}
