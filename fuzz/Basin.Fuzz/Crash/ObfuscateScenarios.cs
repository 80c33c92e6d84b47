using Basin.Data;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Fuzz.Crash;

/// <summary><c>obfuscate apply</c> and <c>invert</c> of 100 000 images of 6×8 pixels: the output is absent or inverts to the images byte for byte.</summary>
public sealed class ObfuscateScenario(bool apply) : CrashScenario
{
    public override string Name => apply ? "obfuscate apply" : "obfuscate invert";
    private static string Key(string d) => Path.Combine(d, "o.key");
    private static string Images(string d) => Path.Combine(d, "images.idx");
    private static string Obfuscated(string d) => Path.Combine(d, "images.bobf");
    private string Out(string d) => Path.Combine(d, apply ? "out.bobf" : "out.idx");

    public override void Prepare(string dir)
    {
        var px = new byte[100_000 * 48];
        new Random(9).NextBytes(px);
        IdxWriter.WriteFile(Images(dir), px, [100_000, 6, 8]);
        var key = ObfuscationKey.Generate(48, 1, 0.5, 0.3, new CouplingOptions(Block: 8, Hidden: 8, CouplingLayers: 2, TrainSteps: 10, Batch: 16));
        KeyFile.Save(key, Key(dir));
        ObfuscatedMatrixFile.ApplyIdx(new KeyedTransform(key), Images(dir), Obfuscated(dir));
    }

    public override string[] Arguments(string dir) => ["obfuscate", apply ? "apply" : "invert", apply ? Images(dir) : Obfuscated(dir), "--key", Key(dir), "-o", Out(dir)];
    public override IEnumerable<string> Inputs(string dir) => [Key(dir), Images(dir), Obfuscated(dir)];

    public override int ValidateOutputs(string dir)
    {
        if (!File.Exists(Out(dir))) return 0;
        string idx = Out(dir);
        if (apply)
        {
            idx = Path.Combine(dir, "check.idx");
            ObfuscatedMatrixFile.Invert(new KeyedTransform(KeyFile.Load(Key(dir))), Out(dir), idx);
        }
        if (!IdxReader.Read(idx).Data.AsSpan().SequenceEqual(IdxReader.Read(Images(dir)).Data))
            throw new InvalidDataException($"{Out(dir)}: does not give back the images");
        return 1;
    }
}
