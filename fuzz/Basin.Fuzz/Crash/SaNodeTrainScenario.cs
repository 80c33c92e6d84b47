using Basin.SaNode;

namespace Basin.Fuzz.Crash;

/// <summary><c>sanode train</c> on the built-in letters: model file and per-epoch checkpoint; <c>--resume</c> continues.</summary>
public sealed class SaNodeTrainScenario : CrashScenario
{
    public override string Name => "sanode train";
    private static string Model(string dir) => Path.Combine(dir, "m.safetensors");
    public override void Prepare(string dir) { }
    public override string[] Arguments(string dir) =>
        ["sanode", "train", "--dataset", "letters", "--epochs", "8", "--eval-count", "0", "--quiet", "--out", Model(dir)];
    public override string[]? ResumeArguments(string dir) => [.. Arguments(dir), "--resume"];
    public override IEnumerable<string> Inputs(string dir) => [];
    public override void Reset(string dir) => ScenarioChecks.Delete(Model(dir), Model(dir) + ".ckpt");

    public override int ValidateOutputs(string dir)
    {
        int n = 0;
        if (File.Exists(Model(dir))) { SaNodeFile.Load<float>(Model(dir)); n++; }
        if (File.Exists(Model(dir) + ".ckpt")) { SaNodeTrainer.Resume(Model(dir) + ".ckpt"); n++; }
        return n;
    }

    public override (bool Tensors, bool Bytes, string Note) CompareWithReference(string dir, string referenceDir) =>
        ScenarioChecks.Compare(Model(dir), Model(referenceDir));
}
