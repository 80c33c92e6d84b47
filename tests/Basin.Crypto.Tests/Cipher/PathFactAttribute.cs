using Basin.Crypto.Cipher;

namespace Basin.Crypto.Tests.Cipher;

/// <summary>A fact about one constant-time round-function path that reports itself skipped where this CPU cannot run it.</summary>
public sealed class PathFactAttribute : FactAttribute
{
    public PathFactAttribute(RoundFunctionPath path)
    {
        if (!RoundFunctionPaths.IsSupported(path)) Skip = $"this CPU lacks the instructions of the {RoundFunctionPaths.Name(path)} path";
    }
}

/// <summary>A fact that needs a path this CPU cannot run (skipped where every path runs).</summary>
public sealed class SomePathUnsupportedFactAttribute : FactAttribute
{
    public SomePathUnsupportedFactAttribute()
    {
        if (RoundFunctionPaths.All.All(RoundFunctionPaths.IsSupported)) Skip = "this CPU runs every round-function path";
    }
}
