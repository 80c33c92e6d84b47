namespace Basin.Studies.Reports;

/// <summary>Robust accuracy of one model under one attack (or the per-image worst case over a study's attacks) against the budget ε.</summary>
/// <param name="Source">The JSON file(s) it was read from.</param>
/// <param name="Model">The model evaluated.</param>
/// <param name="Norm">"linf" or "l2".</param>
/// <param name="Attack">The attack's name, or "worst-case".</param>
/// <param name="Images">Images evaluated.</param>
/// <param name="Epsilons">Budgets, ascending (ε = 0 is the clean accuracy).</param>
/// <param name="RobustAccuracy">Share of the images correctly classified and unbroken at each budget.</param>
public sealed record RobustnessCurve(string Source, string Model, string Norm, string Attack, int Images, double[] Epsilons, double[] RobustAccuracy);
