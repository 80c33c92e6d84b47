using Basin.Stability;

namespace Basin.Studies.Stability;

/// <summary>The per-image outcomes of one shard of the study (every model, the shard's images).</summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Count">Images of the whole study.</param>
/// <param name="Surrogate">The transfer surrogate's name, if any.</param>
/// <param name="Models">Per model, the outcomes on the shard's images.</param>
public sealed record AccurateOrStablePart(string Dataset, int Count, string? Surrogate, List<RobustnessRun> Models);

/// <summary>
/// The study's result: per model clean accuracy, worst-case robust accuracy curves of both norms, minimal distances with
/// 95 % intervals, gradient norms, Lipschitz estimates and the sanity checks — all computed from per-image outcomes.
/// </summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Count">Images evaluated.</param>
/// <param name="Surrogate">The transfer surrogate's name, if any.</param>
/// <param name="Models">One aggregated evaluation per model.</param>
public sealed record AccurateOrStableResult(string Dataset, int Count, string? Surrogate, List<RobustnessResult> Models);
