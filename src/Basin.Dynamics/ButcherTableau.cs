namespace Basin.Dynamics;

/// <summary>
/// An explicit Runge–Kutta method as its Butcher tableau: stages uᵢ = x + Δt Σ_{j&lt;i} a_ij k_j, kᵢ = F(uᵢ),
/// step x' = x + Δt Σ bᵢ kᵢ (autonomous fields, so the nodes cᵢ only document the method).
/// </summary>
public sealed class ButcherTableau
{
    /// <summary>Creates a tableau; <paramref name="a"/> is strictly lower triangular (row i has i entries).</summary>
    public ButcherTableau(string name, int order, double[][] a, double[] b, double[] c)
    {
        if (b.Length == 0 || a.Length != b.Length || c.Length != b.Length)
            throw new ArgumentException($"Tableau {name}: a, b and c must have one entry per stage.");
        for (int i = 0; i < a.Length; i++)
            if (a[i].Length != i) throw new ArgumentException($"Tableau {name}: row {i} of a must have {i} entries (explicit method).");
        Name = name; Order = order; A = a; B = b; C = c;
    }

    /// <summary>Method name (e.g. <c>euler</c>, <c>rk4</c>).</summary>
    public string Name { get; }

    /// <summary>Classical order of accuracy p: global error O(Δt^p).</summary>
    public int Order { get; }

    /// <summary>Stage coefficients a_ij (j &lt; i).</summary>
    public double[][] A { get; }

    /// <summary>Weights bᵢ.</summary>
    public double[] B { get; }

    /// <summary>Nodes cᵢ.</summary>
    public double[] C { get; }

    /// <summary>Number of stages s.</summary>
    public int Stages => B.Length;

    /// <summary>Forward Euler, order 1 (the SA-nODE paper's recurrent form x_{n+1} = x_n + Δt F(x_n)).</summary>
    public static ButcherTableau Euler { get; } = new("euler", 1, new[] { Array.Empty<double>() }, new[] { 1.0 }, new[] { 0.0 });

    /// <summary>Heun's method (explicit trapezoid), order 2.</summary>
    public static ButcherTableau Heun { get; } = new("heun", 2, new[] { Array.Empty<double>(), new[] { 1.0 } }, new[] { 0.5, 0.5 }, new[] { 0.0, 1.0 });

    /// <summary>Classical fourth-order Runge–Kutta (SA-nODE paper, Appendix A).</summary>
    public static ButcherTableau Rk4 { get; } = new("rk4", 4,
        new[] { Array.Empty<double>(), new[] { 0.5 }, new[] { 0.0, 0.5 }, new[] { 0.0, 0.0, 1.0 } },
        new[] { 1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6 }, new[] { 0.0, 0.5, 0.5, 1.0 });

    /// <summary>
    /// Every fixed-step method Basin integrates with, in order of increasing order: the one list that <c>--solver</c>
    /// choices, help texts, studies and tests iterate. Adding a method is its tableau plus a line here.
    /// </summary>
    public static IReadOnlyList<ButcherTableau> Catalogue { get; } = [Euler, Heun, Rk4];

    /// <summary>Names of <see cref="Catalogue"/>, e.g. for a command-line option's accepted values.</summary>
    public static IReadOnlyList<string> Names { get; } = Catalogue.Select(t => t.Name).ToArray();

    /// <summary>"euler (order 1), heun (order 2), rk4 (order 4)": the catalogue as a help text.</summary>
    public static string Describe() => string.Join(", ", Catalogue.Select(t => $"{t.Name} (order {t.Order})"));

    /// <summary>Looks a method up by name (case-insensitive) in <see cref="Catalogue"/>.</summary>
    public static ButcherTableau Parse(string name) =>
        Catalogue.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown solver '{name}'; expected one of {string.Join(", ", Names)}.");
}
