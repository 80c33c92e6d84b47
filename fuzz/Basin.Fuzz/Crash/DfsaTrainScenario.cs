using Basin.Dfsa.Networks;
using Basin.Plotting;

namespace Basin.Fuzz.Crash;

/// <summary><c>dfsa train</c> (generic preset, small MLP): model, checkpoint every 20 steps, curves; <c>--resume CKPT</c> continues.</summary>
public sealed class DfsaTrainScenario : CrashScenario
{
    public override string Name => "dfsa train";
    private static string Model(string dir) => Path.Combine(dir, "d.safetensors");
    public override void Prepare(string dir) { }
    public override string[] Arguments(string dir) =>
        ["dfsa", "train", "--preset", "generic", "--in", "8", "--hidden", "16", "--steps", "200", "--batch", "32", "--checkpoint-every", "20", "--out", Model(dir)];
    public override string[]? ResumeArguments(string dir) =>
        File.Exists(Model(dir) + ".ckpt") ? [.. Arguments(dir), "--resume", Model(dir) + ".ckpt"] : Arguments(dir);
    public override IEnumerable<string> Inputs(string dir) => [];

    public override void Reset(string dir)
    {
        ScenarioChecks.Delete(Model(dir), Model(dir) + ".ckpt");
        if (Directory.Exists(Model(dir) + ".curves")) Directory.Delete(Model(dir) + ".curves", true);
    }

    public override int ValidateOutputs(string dir)
    {
        int n = 0;
        if (File.Exists(Model(dir))) { DfsaModelFile.Load<double>(Model(dir)); n++; }
        if (File.Exists(Model(dir) + ".ckpt")) { DfsaModelFile.Load<double>(Model(dir) + ".ckpt"); n++; }
        if (Directory.Exists(Model(dir) + ".curves"))
            foreach (var f in Directory.GetFiles(Model(dir) + ".curves").Where(f => !Path.GetFileName(f).StartsWith('.')))
            {
                if (f.EndsWith(".png", StringComparison.Ordinal)) PngDecoder.Read(f);
                else if (f.EndsWith(".csv", StringComparison.Ordinal))
                {
                    var lines = File.ReadAllLines(f);
                    int cols = lines[0].Split(',').Length;
                    if (lines.Any(l => l.Split(',').Length != cols)) throw new InvalidDataException($"{f}: ragged CSV");
                }
                n++;
            }
        return n;
    }

    public override (bool Tensors, bool Bytes, string Note) CompareWithReference(string dir, string referenceDir) =>
        ScenarioChecks.Compare(Model(dir), Model(referenceDir));
}
