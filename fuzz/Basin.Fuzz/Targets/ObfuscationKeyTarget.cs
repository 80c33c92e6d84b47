using Basin.Obfuscation.Transform;

namespace Basin.Fuzz.Targets;

/// <summary>Obfuscation key files (<see cref="KeyFile.Load"/>): safetensors container, metadata, coupling network, fingerprint.</summary>
public sealed class ObfuscationKeyTarget : FuzzTarget
{
    public override string Name => "obfuscation-key";
    public override string Description => "KeyFile.Load: an obfuscation key file";
    public override IReadOnlyList<Type> Rejections => [typeof(FormatException)];
    public override void Parse(byte[] input) => KeyFile.Load(FuzzScratch.Write("fuzz.obfkey", input));
    public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => [("key", File.ReadAllBytes(Path.Combine(FuzzKeys.Folder(), "obfuscation.key")))];
}
