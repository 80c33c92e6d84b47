using System.Diagnostics;

namespace Basin.Fuzz.Tests;

/// <summary>
/// Replays the committed, afl-cmin-minimised corpus of every fuzz target (tests/fuzz/TARGET/, including the inputs that
/// crashed a reader before its fix, named crash-*) through the target's contract: the format's own error or a valid
/// parse, within the allocation budget, and quickly.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Targets() => new(FuzzCatalogue.All.Select(t => t.Name));

    private static string CorpusFolder(string target) => Path.GetFullPath(Path.Combine(FuzzKeys.Folder(), "..", target));

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryCorpusInput_GetsTheFormatsOwnErrorOrParses_InBoundedTimeAndMemory(string name)
    {
        var target = FuzzCatalogue.Find(name);
        string dir = CorpusFolder(name);
        Assert.True(Directory.Exists(dir), $"no committed corpus at {dir}");
        var files = Directory.GetFiles(dir);
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var sw = Stopwatch.StartNew();
            FuzzInvariant.Check(target, File.ReadAllBytes(f)); // throws FuzzInvariantException on a broken contract
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"{name}/{Path.GetFileName(f)} took {sw.Elapsed.TotalSeconds:F1} s");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void EverySeed_IsAccepted(string name)
    {
        var target = FuzzCatalogue.Find(name);
        foreach (var (seed, bytes) in target.Seeds())
            Assert.True(FuzzInvariant.Check(target, bytes).Accepted, $"{name}: seed {seed} is rejected");
    }
}
