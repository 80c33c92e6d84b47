namespace Basin.Stability.Attacks;

/// <summary>
/// Every attack, one class each. <c>basin attack</c> (its <c>--attack</c> choices and help), the robustness evaluation
/// (which attacks it runs per norm) and the tests read this list; adding an attack is one file plus one line here.
/// Names follow one scheme, <c>method[-loss]-norm</c>, used as the JSON keys of every result.
/// </summary>
public static class AttackCatalogue
{
    /// <summary>All attacks.</summary>
    public static IReadOnlyList<IAttack> All { get; } =
    [
        new Fgsm(Norm.LInf),
        new MomentumIterativeFgsm(),
        new Pgd(AttackLoss.Margin, Norm.LInf),
        new Pgd(AttackLoss.CrossEntropy, Norm.LInf),
        new Pgd(AttackLoss.Margin, Norm.L2),
        new Pgd(AttackLoss.CrossEntropy, Norm.L2),
        new ApgdCe(Norm.LInf),
        new ApgdCe(Norm.L2),
        new ApgdT(Norm.LInf),
        new ApgdT(Norm.L2),
        new FabT(Norm.LInf),
        new FabT(Norm.L2),
        new AutoAttack(Norm.LInf),
        new AutoAttack(Norm.L2),
        new DeepFool(),
        new MinimalLInf(),
        new SquareAttack(Norm.LInf),
        new SquareAttack(Norm.L2),
        new Spsa(Norm.LInf),
        new Spsa(Norm.L2),
        new HopSkipJump(),
        new TransferAttack(Norm.LInf),
        new TransferAttack(Norm.L2),
        new RandomNoise(Norm.LInf),
        new RandomNoise(Norm.L2),
    ];

    /// <summary>Names of earlier releases, still accepted by <see cref="Find"/>.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>
    {
        ["fgsm"] = "fgsm-linf", ["pgd-linf"] = "pgd-margin-linf", ["pgd-l2"] = "pgd-margin-l2", ["pgd-margin"] = "pgd-margin-linf",
        ["pgd-ce"] = "pgd-ce-linf", ["deepfool"] = "deepfool-l2", ["square"] = "square-linf", ["hopskipjump"] = "hopskipjump-l2",
        ["transfer"] = "transfer-linf", ["noise"] = "noise-linf",
    };

    /// <summary>The attack names, in catalogue order.</summary>
    public static IReadOnlyList<string> Names => All.Select(a => a.Name).ToArray();

    /// <summary>The attack called <paramref name="name"/> (or an old alias), or an <see cref="ArgumentException"/> listing the names.</summary>
    public static IAttack Find(string name)
    {
        var key = (name ?? "").Trim().ToLowerInvariant();
        if (Aliases.TryGetValue(key, out var renamed)) key = renamed;
        return All.FirstOrDefault(a => a.Name == key)
            ?? throw new ArgumentException($"Unknown attack '{name}'. Attacks: {string.Join(", ", Names)}.");
    }

    /// <summary>The kind as written in results: gradient, score-only, decision-only, transfer, random.</summary>
    public static string KindName(AttackKind kind) => kind switch
    {
        AttackKind.ScoreOnly => "score-only",
        AttackKind.DecisionOnly => "decision-only",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>"name (description)" for every attack: the help text of <c>--attack</c>.</summary>
    public static string Describe() => string.Join("; ", All.Select(a => $"{a.Name} ({a.Description})"));
}
