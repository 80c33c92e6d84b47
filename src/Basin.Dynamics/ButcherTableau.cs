namespace Basin.Dynamics;

/// <summary>
/// An explicit Runge–Kutta method as its Butcher tableau: stages uᵢ = x + Δt Σ_{j&lt;i} a_ij k_j, kᵢ = F(uᵢ),
/// step x' = x + Δt Σ bᵢ kᵢ (autonomous fields, so the nodes cᵢ only document the method).
/// An <em>embedded pair</em> also carries the weights b̂ of a second solution of lower order p̂, kept as the error
/// weights eᵢ = bᵢ − b̂ᵢ: the local error estimate of a step is Δt Σ eᵢ kᵢ = x' − x̂' = O(Δt^{p̂+1}) (Hairer, Nørsett &amp;
/// Wanner, <i>Solving ODEs I</i>, §II.4). <see cref="AdaptiveSolver{T}"/> controls the step size with it; the
/// fixed-step solver integrates with the weights bᵢ and ignores the estimate (a pair is then simply its order-p method).
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
        int used = 0;
        for (int i = 0; i < b.Length; i++)
        {
            bool needed = b[i] != 0;
            for (int j = i + 1; j < a.Length && !needed; j++) needed = a[j][i] != 0;
            if (needed) used = i + 1;
        }
        FixedStepStages = used;
    }

    /// <summary>
    /// Creates an embedded pair: <paramref name="bHat"/> are the weights of the order-<paramref name="embeddedOrder"/>
    /// solution used for the error estimate. Dense output, in order of preference: <paramref name="denseWeights"/> writes the
    /// method's own continuous weights bᵢ(θ) with x(t + θΔt) ≈ x + Δt Σ bᵢ(θ) kᵢ; <paramref name="midpoint"/> are weights m
    /// with x(t + Δt/2) ≈ x + Δt Σ mᵢ kᵢ for the quartic through both ends, both slopes and the midpoint; otherwise the
    /// cubic Hermite interpolant. A pair with two estimates (DOP853's "8(5,3)") gives the weights
    /// <paramref name="secondBHat"/> of the second, lower-order solution and the controller's <paramref name="errorOrder"/>
    /// of the combined estimate (see <see cref="SecondErrorWeights"/>); otherwise the error order is p̂ + 1.
    /// </summary>
    public ButcherTableau(string name, int order, double[][] a, double[] b, double[] c, int embeddedOrder, double[] bHat,
        double[]? midpoint = null, string? reference = null, Action<double, Span<double>>? denseWeights = null,
        double[]? secondBHat = null, int secondEmbeddedOrder = 0, int errorOrder = 0, double[][]? denseStages = null) : this(name, order, a, b, c)
    {
        if (denseStages is not null)
        {
            if (denseWeights is null) throw new ArgumentException($"Tableau {name}: extra dense-output stages need continuous weights.");
            for (int r = 0; r < denseStages.Length; r++)
                if (denseStages[r].Length > b.Length + r) throw new ArgumentException($"Tableau {name}: dense stage {r} may read at most {b.Length + r} stages.");
            DenseStages = denseStages;
        }
        if (secondBHat is not null && (secondBHat.Length != b.Length || secondEmbeddedOrder < 1 || secondEmbeddedOrder >= embeddedOrder || errorOrder <= embeddedOrder))
            throw new ArgumentException($"Tableau {name}: the second estimate needs one weight per stage, an order below p̂ and an error order above p̂.");
        if (secondBHat is not null)
        {
            SecondBHat = secondBHat;
            SecondEmbeddedOrder = secondEmbeddedOrder;
            SecondErrorWeights = b.Zip(secondBHat, (x, y) => x - y).ToArray();
        }
        _errorOrder = errorOrder > 0 ? errorOrder : embeddedOrder + 1;
        if (bHat.Length != b.Length) throw new ArgumentException($"Tableau {name}: b̂ must have one entry per stage.");
        if (midpoint is not null && midpoint.Length != b.Length) throw new ArgumentException($"Tableau {name}: midpoint weights must have one entry per stage.");
        if (embeddedOrder < 1 || embeddedOrder >= order) throw new ArgumentException($"Tableau {name}: the embedded order must be in [1, {order - 1}], got {embeddedOrder}.");
        EmbeddedOrder = embeddedOrder;
        BHat = bHat;
        ErrorWeights = b.Zip(bHat, (x, y) => x - y).ToArray();
        MidpointWeights = midpoint;
        DenseWeights = denseWeights;
        Reference = reference;
        int s = b.Length;
        IsFsal = b[s - 1] == 0 && a[s - 1].SequenceEqual(b[..(s - 1)]);
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

    /// <summary>
    /// Stages a fixed step needs: trailing stages with bᵢ = 0 that no later stage reads (the FSAL stage of an embedded
    /// pair, F at the step's end, which only the error estimate and the next adaptive step use) are skipped.
    /// </summary>
    public int FixedStepStages { get; }

    /// <summary>Order p̂ of the embedded solution (0 when the method has no error estimate).</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Weights b̂ᵢ of the embedded solution, or null.</summary>
    public double[]? BHat { get; }

    /// <summary>Error weights eᵢ = bᵢ − b̂ᵢ (the estimate is Δt Σ eᵢ kᵢ), or null for a method without an estimate.</summary>
    public double[]? ErrorWeights { get; }

    /// <summary>Weights of the step's midpoint value for quartic dense output (Dormand–Prince), or null.</summary>
    public double[]? MidpointWeights { get; }

    /// <summary>
    /// Extra stages evaluated only for dense output, after the step's s stages: row r holds the coefficients of stage
    /// s + r on the stages before it (Δt Σ a_j k_j added to the step's start); null when the step's stages suffice.
    /// </summary>
    public double[][]? DenseStages { get; }

    /// <summary>
    /// The method's continuous weights: writes bᵢ(θ), θ ∈ [0, 1], with bᵢ(1) = bᵢ, one per stage and per dense stage
    /// (<see cref="DenseStages"/>); or null.
    /// </summary>
    public Action<double, Span<double>>? DenseWeights { get; }

    /// <summary>The paper the coefficients come from, or null.</summary>
    public string? Reference { get; }

    /// <summary>True for an embedded pair, which <see cref="AdaptiveSolver{T}"/> can integrate.</summary>
    public bool IsAdaptive => ErrorWeights is not null;

    /// <summary>
    /// First same as last: the last stage is evaluated at the step's solution (a_{s,j} = b_j, b_s = 0), so its k is the
    /// next step's first stage and an accepted step costs s − 1 evaluations.
    /// </summary>
    public bool IsFsal { get; }

    /// <summary>The embedded order-p̂ solution as a method of its own (weights b̂), e.g. to test its order; null if none.</summary>
    public ButcherTableau? EmbeddedMethod => BHat is null ? null : new($"{Name}-embedded", EmbeddedOrder, A, BHat, C);

    /// <summary>
    /// Weights e³ᵢ = bᵢ − b̂³ᵢ of a second, lower-order estimate, or null. With it the controller's error of a row is
    /// ε = ‖e⁵‖² / √(‖e⁵‖² + 0.01‖e³‖²) (Hairer's DOP853), ‖·‖ the RMS of the scaled estimate.
    /// </summary>
    public double[]? SecondErrorWeights { get; }

    /// <summary>Weights of the second embedded solution, or null.</summary>
    public double[]? SecondBHat { get; }

    /// <summary>Order of the second embedded solution (0 when there is none).</summary>
    public int SecondEmbeddedOrder { get; }

    /// <summary>The second embedded solution as a method of its own, e.g. to test its order; null if none.</summary>
    public ButcherTableau? SecondEmbeddedMethod => SecondBHat is null ? null : new($"{Name}-embedded{SecondEmbeddedOrder}", SecondEmbeddedOrder, A, SecondBHat, C);

    private readonly int _errorOrder;

    /// <summary>
    /// The order q of the error estimate used by the step-size controller (diffrax's <c>error_order</c>): p̂ + 1, or the
    /// combined estimate's order for a pair with two estimates (8 for DOP853).
    /// </summary>
    public int ErrorOrder => _errorOrder;

    /// <summary>Forward Euler, order 1 (the SA-nODE paper's recurrent form x_{n+1} = x_n + Δt F(x_n)).</summary>
    public static ButcherTableau Euler { get; } = new("euler", 1, new[] { Array.Empty<double>() }, new[] { 1.0 }, new[] { 0.0 });

    /// <summary>Heun's method (explicit trapezoid), order 2.</summary>
    public static ButcherTableau Heun { get; } = new("heun", 2, new[] { Array.Empty<double>(), new[] { 1.0 } }, new[] { 0.5, 0.5 }, new[] { 0.0, 1.0 });

    /// <summary>Classical fourth-order Runge–Kutta (SA-nODE paper, Appendix A).</summary>
    public static ButcherTableau Rk4 { get; } = new("rk4", 4,
        new[] { Array.Empty<double>(), new[] { 0.5 }, new[] { 0.0, 0.5 }, new[] { 0.0, 0.0, 1.0 } },
        new[] { 1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6 }, new[] { 0.0, 0.5, 0.5, 1.0 });

    /// <summary>Bogacki–Shampine 3(2) pair, 4 stages, FSAL (Bogacki &amp; Shampine 1989, Appl. Math. Lett. 2(4) 321–325).</summary>
    public static ButcherTableau Bosh3 => EmbeddedPairs.Bosh3;

    /// <summary>Dormand–Prince 5(4) pair, 7 stages, FSAL (Dormand &amp; Prince 1980, J. Comp. Appl. Math. 6, 19–26).</summary>
    public static ButcherTableau Dopri5 => EmbeddedPairs.Dopri5;

    /// <summary>Tsitouras 5(4) pair, 7 stages, FSAL (Tsitouras 2011, Comput. Math. Appl. 62, 770–775).</summary>
    public static ButcherTableau Tsit5 => EmbeddedPairs.Tsit5;

    /// <summary>
    /// Dormand–Prince 8(5,3), Hairer's DOP853: 12 stages plus FSAL, two error estimates (Hairer, Nørsett &amp; Wanner,
    /// <i>Solving ODEs I</i>, §II.10).
    /// </summary>
    public static ButcherTableau Dopri8 => EmbeddedPairs.Dopri8;

    /// <summary>
    /// Every method Basin integrates with, in order of increasing order: the one list that <c>--solver</c>
    /// choices, help texts, studies and tests iterate. Adding a method is its tableau plus a line here. Embedded pairs
    /// (<see cref="IsAdaptive"/>) run as their order-p method with fixed steps, or adaptively with tolerances.
    /// </summary>
    public static IReadOnlyList<ButcherTableau> Catalogue { get; } = [Euler, Heun, Bosh3, Rk4, Dopri5, Tsit5, Dopri8];

    /// <summary>Names of <see cref="Catalogue"/>, e.g. for a command-line option's accepted values.</summary>
    public static IReadOnlyList<string> Names { get; } = Catalogue.Select(t => t.Name).ToArray();

    /// <summary>Names of the embedded pairs of <see cref="Catalogue"/> (the methods that accept --rtol/--atol).</summary>
    public static IReadOnlyList<string> AdaptiveNames { get; } = Catalogue.Where(t => t.IsAdaptive).Select(t => t.Name).ToArray();

    /// <summary>"euler (order 1), …, dopri5 (order 5(4), adaptive)": the catalogue as a help text.</summary>
    public static string Describe() => string.Join(", ", Catalogue.Select(t => t.IsAdaptive ? $"{t.Name} (order {t.Order}({t.EmbeddedOrder}{(t.SecondErrorWeights is null ? "" : $",{t.SecondEmbeddedOrder}")}), adaptive)" : $"{t.Name} (order {t.Order})"));

    /// <summary>Looks a method up by name (case-insensitive) in <see cref="Catalogue"/>.</summary>
    public static ButcherTableau Parse(string name) =>
        Catalogue.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown solver '{name}'; expected one of {string.Join(", ", Names)}.");
}
