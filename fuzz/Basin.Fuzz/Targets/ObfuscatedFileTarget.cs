using Basin.Data;
using Basin.Obfuscation.IO;

namespace Basin.Fuzz.Targets;

/// <summary>Obfuscated image files (BASINOBF container) inverted under the fixed fuzz key (<see cref="ObfuscatedMatrixFile.Invert"/>).</summary>
public sealed class ObfuscatedFileTarget : FuzzTarget
{
    public override string Name => "obfuscated-file";
    public override string Description => "ObfuscatedMatrixFile.Invert under tests/fuzz/keys/obfuscation.key: an obfuscated IDX file";
    public override IReadOnlyList<Type> Rejections => [typeof(FormatException), typeof(WrongKeyException)];

    public override void Parse(byte[] input) =>
        ObfuscatedMatrixFile.Invert(FuzzKeys.ObfuscationTransform, FuzzScratch.Write("fuzz.bobf", input), FuzzScratch.Output("fuzz-inverted.idx"));

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        foreach (var (count, rows, cols) in new[] { (3, 2, 4), (1, 8, 1) })
        {
            var px = new byte[count * rows * cols];
            new Random(count).NextBytes(px);
            string idx = FuzzScratch.Output("seed.idx");
            IdxWriter.WriteFile(idx, px, [count, rows, cols]);
            yield return ($"{count}x{rows}x{cols}", FuzzScratch.ReadBack(p => ObfuscatedMatrixFile.ApplyIdx(FuzzKeys.ObfuscationTransform, idx, p), "seed.bobf"));
        }
    }
}
