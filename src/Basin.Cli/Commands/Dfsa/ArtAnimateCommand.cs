using System.CommandLine;
using Basin.Generative.Animation;

namespace Basin.Cli.Commands.Dfsa;

/// <summary><c>basin art animate</c>: a looping animation (APNG, and MP4 through ffmpeg) of one CPPN whose input grid flows round a circle.</summary>
public static class ArtAnimateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = CommonOptions.Seed(1, "Seed of the network (same seed → byte-identical APNG).");
        var size = new Option<int>("--size") { Description = "Pixels per side.", DefaultValueFactory = _ => 128 };
        var frames = new Option<int>("--frames") { Description = "Frames per loop.", DefaultValueFactory = _ => 60 };
        var radius = new Option<double>("--radius") { Description = "Radius of the circle the input grid travels (half-image units; smaller: slower, smoother motion).", DefaultValueFactory = _ => 0.12 };
        var delay = new Option<int>("--delay") { Description = "Milliseconds per frame.", DefaultValueFactory = _ => 40 };
        var steps = new Option<int>("--steps") { Description = "Data-free training steps.", DefaultValueFactory = _ => 200 };
        var mp4 = new Option<string?>("--mp4") { Description = "Also write this MP4 (needs ffmpeg on the PATH)." };
        var model = ModelOptions.Create();
        var output = CommonOptions.OutOptional("Animated PNG to write.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("animate", "A looping animation: the CPPN's input grid flows round a closed circle, so the last frame leads back to the first.")
            { seed, size, frames, radius, delay, steps, mp4, output, json };
        model.AddTo(cmd);
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = new AnimationOptions(p.GetValue(seed), model.Read(p) with { Steps = p.GetValue(steps) }, p.GetValue(size), p.GetValue(frames), p.GetValue(radius), p.GetValue(delay)).Validate();
            string? video = p.GetValue(mp4);
            if (video != null && FfmpegVideo.Find() is null) throw new InvalidOperationException("--mp4 needs ffmpeg on the PATH (apt-get install ffmpeg)");
            var a = ProgressRunner.Run("frames", o.Frames, progress => ArtAnimation.Render(o, progress, ct));
            string path = p.GetValue(output)!;
            ArtAnimation.SaveApng(a, o.DelayMs, path);
            if (video != null) FfmpegVideo.WriteMp4(a.Frames, a.Size, a.Size, 1000.0 / o.DelayMs, video);
            if (p.GetValue(json))
                JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject
                {
                    ["out"] = path, ["mp4"] = video, ["frames"] = a.Frames.Count, ["size"] = a.Size,
                    ["mean_step"] = a.MeanStep, ["max_step"] = a.MaxStep, ["wrap_step"] = a.WrapStep,
                });
            else
                Console.WriteLine(FormattableString.Invariant($"{path}{(video != null ? $" and {video}" : "")}: {a.Frames.Count} frames, step between frames mean {a.MeanStep:F2}, max {a.MaxStep:F2}, last → first {a.WrapStep:F2} (of 255)"));
            return 0;
        });
        return cmd;
    }
}
