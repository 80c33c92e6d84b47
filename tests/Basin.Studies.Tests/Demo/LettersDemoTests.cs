using Basin.Studies.Demo;
using Basin.Tensors.IO;

namespace Basin.Studies.Tests.Demo;

public class LettersDemoTests
{
    [Fact]
    public void TheDemoRecipeLearnsEveryLetterAndIsDeterministic()
    {
        var options = new LettersDemoOptions { TestNoise = [0.0, 0.3] };
        var a = LettersDemo.Run(options);
        Assert.Equal(200, a.TrainCount);
        Assert.Equal(1.0, a.Scores[0].Accuracy);
        Assert.Equal(500, a.Scores[0].Perfect);
        Assert.True(a.Scores[1].Accuracy <= a.Scores[0].Accuracy);
        Assert.Equal(5, a.States.Final.Length);
        Assert.All(a.States.Final, x => Assert.Equal(49, x.Length));
        var b = LettersDemo.Run(options);
        Assert.Equal(JsonOutput.ToText(a with { Seconds = 0 }), JsonOutput.ToText(b with { Seconds = 0 }));
    }

    [Fact]
    public void TheFigureIsWrittenAsPngAndSvg()
    {
        var r = LettersDemo.Run(new LettersDemoOptions { Epochs = 2, TestNoise = [0.0] });
        var basePath = Path.Combine(Path.GetTempPath(), $"basin-demo-{Guid.NewGuid():N}");
        try
        {
            LettersDemoFigure.Save(r.States, basePath);
            Assert.True(new FileInfo(basePath + ".png").Length > 0);
            Assert.Contains("<svg", File.ReadAllText(basePath + ".svg"));
            Assert.Equal(7, LettersDemoFigure.SideBySide(r.States, 4).Split('\n').Length);
        }
        finally { foreach (var ext in new[] { ".png", ".svg" }) File.Delete(basePath + ext); }
    }

    [Fact]
    public void ZeroEpochsAreRefused() => Assert.Throws<ArgumentException>(() => LettersDemo.Run(new LettersDemoOptions { Epochs = 0 }));
}
