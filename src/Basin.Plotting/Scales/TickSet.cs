namespace Basin.Plotting;

/// <summary>Axis bounds and tick positions produced by <see cref="NiceTicks"/>.</summary>
/// <param name="Min">Lower axis bound.</param>
/// <param name="Max">Upper axis bound.</param>
/// <param name="Step">Distance between major ticks (for log axes, in decades).</param>
/// <param name="Major">Major tick values, ascending.</param>
/// <param name="Minor">Minor tick values, ascending (empty for linear axes).</param>
public sealed record TickSet(double Min, double Max, double Step, double[] Major, double[] Minor);
