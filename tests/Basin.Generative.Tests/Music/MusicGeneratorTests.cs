using Basin.Generative.Music;

namespace Basin.Generative.Tests.Music;

public class MusicGeneratorTests
{
    [Fact]
    public void SameSeedSameMidiBytesAndNotesInTheScale()
    {
        var o = new MusicOptions(4, Bars: 4, Scale: "pentatonic", Steps: 2);
        var a = MusicGenerator.Generate(o);
        Assert.Equal(MidiFile.Encode(a.Song), MidiFile.Encode(MusicGenerator.Generate(o).Song));
        Assert.NotEmpty(a.Song.Notes);
        Assert.All(a.Song.Notes, n => Assert.Contains((n.Key - 60) % 12, MusicGenerator.Scales["pentatonic"]));
        Assert.Equal(a.Song.Notes, MidiFile.Decode(MidiFile.Encode(a.Song)).Notes);
    }

    [Fact]
    public void LowEntropyUsesFewerKeysThanHigh()
    {
        double low = 0, high = 0;
        for (ulong s = 1; s <= 3; s++)
        {
            low += MusicGenerator.Generate(new MusicOptions(s, Bars: 8, Level: EntropyLevel.Low, Steps: 2)).IntervalEntropy;
            high += MusicGenerator.Generate(new MusicOptions(s, Bars: 8, Level: EntropyLevel.High, Steps: 2)).IntervalEntropy;
        }
        Assert.True(low < high, $"interval entropy low {low / 3:F2} vs high {high / 3:F2} bits");
    }

    [Fact]
    public void EntropyOfAUniformDistributionIsLogTwoOfItsSize() =>
        Assert.Equal(3, MusicGenerator.Entropy(Enumerable.Range(0, 64).Select(i => i % 8)), 12);
}
