using Basin.Dfsa.Art;
using Basin.Generative.Imaging;
using Basin.Plotting;

namespace Basin.Generative.Animation;

/// <summary>What <see cref="ArtAnimation"/> renders.</summary>
/// <param name="Seed">Seed of the network.</param>
/// <param name="Art">Model and data-free training.</param>
/// <param name="Size">Pixels per side.</param>
/// <param name="Frames">Frames per loop.</param>
/// <param name="Radius">Radius ρ of the circle the input grid travels (in units of the half-image).</param>
/// <param name="DelayMs">Display time of each frame.</param>
public sealed record AnimationOptions(ulong Seed, ArtOptions Art, int Size = 128, int Frames = 60, double Radius = 0.12, int DelayMs = 40)
{
    /// <summary>Checks the fields.</summary>
    public AnimationOptions Validate()
    {
        if (Size < 8 || Size > 2048) throw new ArgumentException("--size must be within 8…2048.");
        if (Frames < 2 || Frames > 1000) throw new ArgumentException("--frames must be within 2…1000.");
        if (!(Radius > 0) || Radius > 10) throw new ArgumentException("--radius must be within (0, 10].");
        if (DelayMs < 1 || DelayMs > 65535) throw new ArgumentException("--delay must be within 1…65535 ms.");
        return this;
    }
}

/// <summary>An animation: its frames and how smoothly it loops.</summary>
/// <param name="Frames">RGBA frames, row-major.</param>
/// <param name="Size">Pixels per side.</param>
/// <param name="MeanStep">Mean over consecutive pairs (wrap included) of the mean absolute RGB change per channel, in 0…255.</param>
/// <param name="MaxStep">The largest consecutive change.</param>
/// <param name="WrapStep">The change from the last frame back to the first.</param>
public sealed record AnimationResult(IReadOnlyList<Rgba32[]> Frames, int Size, double MeanStep, double MaxStep, double WrapStep);

/// <summary>
/// Motion from a data-free CPPN: the pixel grid flows round a circle, frame k sampling f(u + ρ cos θ_k, v + ρ sin θ_k)
/// with θ_k = 2πk/N. The path is closed, so frame N would equal frame 0 and the loop has no jump: the last → first step
/// is one more step of the same size as the others. The network is trained once; only its inputs move.
/// </summary>
public static class ArtAnimation
{
    /// <summary>Trains the network and renders every frame.</summary>
    public static AnimationResult Render(AnimationOptions o, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        o.Validate();
        var (net, result) = ArtGenerator.Train(o.Seed, o.Art);
        if (result.Diverged) throw new InvalidOperationException($"data-free training diverged for seed {o.Seed}: {result.Reason}");
        var frames = new List<Rgba32[]>();
        for (int k = 0; k < o.Frames; k++)
        {
            cancel.ThrowIfCancellationRequested();
            double th = 2 * Math.PI * k / o.Frames;
            var rgb = ArtGenerator.Render(net, o.Size, o.Size, o.Radius * Math.Cos(th), o.Radius * Math.Sin(th));
            var px = new Rgba32[o.Size * o.Size];
            for (int i = 0; i < px.Length; i++) px[i] = Rgba32.FromUnit(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
            frames.Add(px);
            progress?.Report(k + 1);
        }
        var steps = Enumerable.Range(0, frames.Count).Select(k => Step(frames[k], frames[(k + 1) % frames.Count])).ToList();
        return new AnimationResult(frames, o.Size, steps.Average(), steps.Max(), steps[^1]);
    }

    /// <summary>Mean absolute difference of the RGB channels of two frames, in 0…255.</summary>
    public static double Step(ReadOnlySpan<Rgba32> a, ReadOnlySpan<Rgba32> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += Math.Abs(a[i].R - b[i].R) + Math.Abs(a[i].G - b[i].G) + Math.Abs(a[i].B - b[i].B);
        return s / (3.0 * a.Length);
    }

    /// <summary>Writes the animation as an APNG (atomically).</summary>
    public static void SaveApng(AnimationResult a, int delayMs, string path) =>
        Basin.Tensors.IO.AtomicFile.WriteAllBytes(path, ApngEncoder.Encode(a.Frames, a.Size, a.Size, delayMs));
}
