using Basin.Dfsa.Art;
using Basin.Generative.Animation;
using Basin.Generative.Imaging;

namespace Basin.Generative.Tests.Animation;

public class ArtAnimationTests
{
    private static AnimationOptions Small(ulong seed) => new(seed, new ArtOptions { Model = ArtModel.Rich, Steps = 2, Hidden = 8, Layers = 3 }, Size: 24, Frames: 12, Radius: 0.4);

    [Fact]
    public void TheLoopClosesWithoutAJump()
    {
        var a = ArtAnimation.Render(Small(3));
        Assert.Equal(12, a.Frames.Count);
        Assert.True(a.MeanStep > 0.1, $"frames do not move (mean step {a.MeanStep})");
        var inner = Enumerable.Range(0, 11).Select(k => ArtAnimation.Step(a.Frames[k], a.Frames[k + 1])).ToList();
        Assert.True(a.WrapStep <= inner.Max() * 1.05 + 1e-9, $"last → first step {a.WrapStep} exceeds the largest other step {inner.Max()}");
    }

    [Fact]
    public void SameSeedGivesTheSameApngBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basin-anim-{Guid.NewGuid():N}.png");
        try
        {
            ArtAnimation.SaveApng(ArtAnimation.Render(Small(5)), 40, path);
            var first = File.ReadAllBytes(path);
            Assert.Equal(first, ApngEncoder.Encode(ArtAnimation.Render(Small(5)).Frames, 24, 24, 40));
            Assert.Equal(12, ApngFile.Decode(first).Frames.Count);
        }
        finally { File.Delete(path); }
    }

    /// <summary>A fact that reports itself skipped where ffmpeg is not installed.</summary>
    public sealed class FfmpegFactAttribute : FactAttribute
    {
        public FfmpegFactAttribute() { if (FfmpegVideo.Find() is null) Skip = "ffmpeg is not installed (apt-get install ffmpeg)"; }
    }

    [FfmpegFact]
    public void Mp4IsWrittenThroughFfmpeg()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basin-anim-{Guid.NewGuid():N}.mp4");
        try
        {
            var a = ArtAnimation.Render(Small(3));
            FfmpegVideo.WriteMp4(a.Frames, 24, 24, 25, path);
            var b = File.ReadAllBytes(path);
            Assert.True(b.Length > 100);
            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(b, 4, 4));
        }
        finally { File.Delete(path); }
    }
}
