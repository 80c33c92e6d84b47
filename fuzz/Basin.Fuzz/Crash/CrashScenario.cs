namespace Basin.Fuzz.Crash;

/// <summary>
/// One command under the kill -9 campaign (issue 28 §2): how to prepare its inputs, its command line, its outputs and what
/// makes each output valid. The campaign SIGKILLs the command at random moments and then requires every output path to be
/// absent or valid, the inputs unchanged, and (for training) a <c>--resume</c> run to end where an uninterrupted run ends.
/// </summary>
public abstract class CrashScenario
{
    /// <summary>Command name as in the report (<c>sanode train</c>, <c>crypto encrypt</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>Creates the inputs in <paramref name="dir"/> (once per campaign).</summary>
    public abstract void Prepare(string dir);

    /// <summary>The <c>basin</c> arguments of a run writing into <paramref name="dir"/>.</summary>
    public abstract string[] Arguments(string dir);

    /// <summary>Extra environment of the process (e.g. <c>BASIN_DATA</c>).</summary>
    public virtual IReadOnlyDictionary<string, string> Environment(string dir) => new Dictionary<string, string>();

    /// <summary>Input files whose bytes must never change.</summary>
    public abstract IEnumerable<string> Inputs(string dir);

    /// <summary>Removes the outputs before a run that must start from scratch (training); others keep them.</summary>
    public virtual void Reset(string dir) { }

    /// <summary>
    /// Checks every output path: each either does not exist or is complete and valid. Returns how many exist; throws
    /// (any exception) when one is corrupt.
    /// </summary>
    public abstract int ValidateOutputs(string dir);

    /// <summary>The arguments that continue a killed run, or null when the command has no resume.</summary>
    public virtual string[]? ResumeArguments(string dir) => null;

    /// <summary>
    /// After a resumed run: whether its result's tensors are bit-identical to <paramref name="referenceDir"/>'s uninterrupted
    /// run, whether the file bytes are, and if not which metadata differs.
    /// </summary>
    public virtual (bool Tensors, bool Bytes, string Note) CompareWithReference(string dir, string referenceDir) => (true, true, "");
}
