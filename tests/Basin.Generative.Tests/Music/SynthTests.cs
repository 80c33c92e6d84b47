using System.Diagnostics;
using Basin.Generative.Music;

namespace Basin.Generative.Tests.Music;

public class SynthTests
{
    private static readonly MidiSong Song = new(1, 480, 500_000, [new(0, 480, 69, 100), new(480, 480, 72, 80), new(960, 960, 76, 120)]);

    [Fact]
    public void RenderedWavIsValidAudibleAndUnclipped()
    {
        var wav = WavFile.Encode(Synth.Render(Song, 22050), 22050);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        var a = WavFile.Decode(wav);
        Assert.Equal(22050, a.SampleRate);
        Assert.InRange(a.Duration, 2.0, 2.3);
        Assert.True(a.Rms > 0.1, $"RMS {a.Rms}");
        Assert.Equal(0, a.Clipped);
        Assert.InRange(a.Peak, 0.79, 0.81);
    }

    [Fact]
    public void TheFirstNoteHasThePitchOfA440()
    {
        var s = Synth.Render(new MidiSong(1, 480, 500_000, [new(0, 960, 69, 100)]), 22050);
        int crossings = 0;
        for (int i = 2205; i < 2205 + 11025; i++) if (s[i - 1] < 0 && s[i] >= 0) crossings++;
        Assert.InRange(crossings, 215, 225);
    }

    /// <summary>A fact that reports itself skipped where sox is not installed.</summary>
    public sealed class SoxFactAttribute : FactAttribute
    {
        public SoxFactAttribute()
        {
            if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "sox")))) Skip = "sox is not installed (apt-get install sox)";
        }
    }

    [SoxFact]
    public void SoxReadsTheWavHeader()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basin-synth-{Guid.NewGuid():N}.wav");
        try
        {
            File.WriteAllBytes(path, WavFile.Encode(Synth.Render(Song, 22050), 22050));
            var psi = new ProcessStartInfo("sox", ["--i", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string o = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            Assert.Contains("22050", o);
            Assert.Contains("16-bit", o);
        }
        finally { File.Delete(path); }
    }
}
