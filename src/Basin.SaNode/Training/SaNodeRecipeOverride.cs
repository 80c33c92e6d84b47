using System.Globalization;
namespace Basin.SaNode.Training;

/// <summary>
/// Merges the recipe options given explicitly on a <c>sanode train --resume</c> command line into the checkpoint's recipe,
/// so a run can be continued with, e.g., a longer training horizon (<c>--steps</c>) or a new peak rate while keeping its
/// model, Adam moments and epoch count. Options left at their defaults keep the checkpoint's values.
/// </summary>
public static class SaNodeRecipeOverride
{
    /// <summary>
    /// Returns <paramref name="saved"/> with every field named in <paramref name="given"/> (option names such as
    /// <c>--steps</c>) taken from <paramref name="requested"/>, and a "name old→new" line per value that changed.
    /// </summary>
    public static (SaNodeTrainOptions Options, IReadOnlyList<string> Changes) Apply(SaNodeTrainOptions saved, SaNodeTrainOptions requested,
        IReadOnlySet<string> given)
    {
        var o = saved;
        var changes = new List<string>();
        void Take<T>(string name, Func<SaNodeTrainOptions, T> get, Func<SaNodeTrainOptions, T, SaNodeTrainOptions> set)
        {
            if (!given.Contains(name)) return;
            T before = get(o), after = get(requested);
            if (EqualityComparer<T>.Default.Equals(before, after)) return;
            o = set(o, after);
            changes.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1}→{2}", name, before, after));
        }
        Take("--batch", r => r.BatchSize, (r, v) => r with { BatchSize = v });
        Take("--steps", r => r.Steps, (r, v) => r with { Steps = v });
        Take("--dt", r => r.Dt, (r, v) => r with { Dt = v });
        Take("--solver", r => r.Solver, (r, v) => r with { Solver = v });
        Take("--lr", r => r.LearningRate, (r, v) => r with { LearningRate = v });
        Take("--schedule", r => r.Schedule, (r, v) => r with { Schedule = v });
        Take("--warmup", r => r.WarmupEpochs, (r, v) => r with { WarmupEpochs = v });
        Take("--noise", r => r.NoiseTrain, (r, v) => r with { NoiseTrain = v });
        Take("--augment", r => r.Augment, (r, v) => r with { Augment = v });
        Take("--robust", r => r.Robust, (r, v) => r with { Robust = v });
        Take("--spectral-lr-scale", r => r.SpectralLearningRateScale, (r, v) => r with { SpectralLearningRateScale = v });
        Take("--adjoint-clip", r => r.AdjointClip, (r, v) => r with { AdjointClip = v });
        Take("--checkpoint-every", r => r.CheckpointEvery, (r, v) => r with { CheckpointEvery = v });
        Take("--gradient", r => r.Gradient, (r, v) => r with { Gradient = v });
        Take("--implicit-horizon", r => r.ImplicitHorizon, (r, v) => r with { ImplicitHorizon = v });
        return (o.Validate(), changes);
    }
}
