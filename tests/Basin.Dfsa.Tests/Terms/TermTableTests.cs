using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;

namespace Basin.Dfsa.Tests.Terms;

public class TermTableTests
{
    [Fact]
    public void EveryTermIsListedWithAWeightForEveryPreset()
    {
        var arr = TermTable.ToJson();
        Assert.Equal(TermCatalogue.Names, arr.Select(t => (string)t!["name"]!));
        foreach (var t in arr)
            Assert.Equal(Presets.Names, t!["preset_weights"]!.AsObject().Select(kv => kv.Key));
        var weights = TermTable.PresetWeights();
        foreach (var preset in Presets.Names)
            foreach (var (term, w) in weights[preset])
                Assert.Equal(w, (double)arr.Single(t => (string)t!["name"]! == term)!["preset_weights"]![preset]!);
        Assert.Equal(string.Join(", ", TermCatalogue.Names), TermTable.Names());
    }
}
