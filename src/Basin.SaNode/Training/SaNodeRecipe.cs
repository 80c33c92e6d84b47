using Basin.Data;

namespace Basin.SaNode.Training;

/// <summary>
/// A dataset's default training recipe: the optimiser recipe (<see cref="Options"/>), the training images it is meant
/// for, and the per-epoch validation. MNIST and Fashion-MNIST use the reference code's recipe (Marino et al. 2024:
/// Adam 10⁻³, batches of 250, 55 Euler steps of Δt = 0.1, 10 epochs, on the whole training split). The 7×7 letters use
/// the recipe of <c>basin demo</c> (40 noisy copies of each letter at ε = 0.1, ε_train = 0.1, batches of 50, Adam 10⁻²,
/// 40 epochs): the reference recipe makes only 20 optimiser steps on the 500 letters and never learns letter B.
/// </summary>
/// <param name="Dataset">Canonical dataset name (<see cref="Datasets.Normalize"/>).</param>
/// <param name="Options">The training recipe.</param>
/// <param name="LetterCopies">For the letters: copies of each letter in the training set (null: the dataset's training split).</param>
/// <param name="LetterNoise">For the letters: noise ε applied once to the training copies (seeded by the recipe's seed).</param>
/// <param name="ValidationSteps">Integration steps of the per-epoch validation (T = steps·Δt).</param>
/// <param name="ValidationCount">Test images scored after each epoch (0 = none).</param>
public sealed record SaNodeRecipe(string Dataset, SaNodeTrainOptions Options, int? LetterCopies, double LetterNoise,
    int ValidationSteps, int ValidationCount)
{
    /// <summary>
    /// The training images of this recipe: for the letters <see cref="LetterCopies"/> copies corrupted at ε =
    /// <see cref="LetterNoise"/> with <c>new Random(seed mod (2³¹ − 1))</c>, as <c>basin demo</c> draws them; otherwise the
    /// training split loaded through <see cref="Datasets.Load(string, DataSplit, DataOptions?)"/>.
    /// </summary>
    public LabeledImages LoadTraining(DataOptions? data = null, ulong? seed = null) =>
        LetterCopies is int copies
            ? Letters.Create(copies, LetterNoise, (int)((seed ?? Options.Seed) % int.MaxValue))
            : Datasets.Load(Dataset, DataSplit.Train, data);
}

/// <summary>The default <see cref="SaNodeRecipe"/> of each dataset, used whenever the user gives no recipe option.</summary>
public static class SaNodeRecipes
{
    /// <summary>The reference recipe (MNIST, Fashion-MNIST): <see cref="SaNodeTrainOptions"/>' defaults.</summary>
    public static SaNodeTrainOptions Reference { get; } = new();

    /// <summary>The letters recipe of <c>basin demo</c>: 40 epochs, batches of 50, Adam 10⁻², ε_train = 0.1.</summary>
    public static SaNodeTrainOptions Letters { get; } = new() { Epochs = 40, BatchSize = 50, Steps = 55, LearningRate = 0.01, NoiseTrain = 0.1 };

    /// <summary>The default recipe of dataset <paramref name="dataset"/> (any name <see cref="Datasets.Normalize"/> accepts).</summary>
    public static SaNodeRecipe For(string dataset) => Datasets.Normalize(dataset) switch
    {
        Datasets.LettersName => new SaNodeRecipe(Datasets.LettersName, Letters, LetterCopies: 40, LetterNoise: 0.1, ValidationSteps: 1200, ValidationCount: 1000),
        var name => new SaNodeRecipe(name, Reference, LetterCopies: null, LetterNoise: 0, ValidationSteps: 1200, ValidationCount: 1000),
    };

    /// <summary>
    /// The recipe of a fresh run: the dataset's default recipe with every option named in <paramref name="given"/>
    /// (command-line names such as <c>--lr</c>, <c>--epochs</c>, <c>--seed</c>) taken from <paramref name="requested"/>.
    /// </summary>
    public static SaNodeTrainOptions Resolve(string dataset, SaNodeTrainOptions requested, IReadOnlySet<string> given)
    {
        var o = For(dataset).Options;
        if (given.Contains("--epochs")) o = o with { Epochs = requested.Epochs };
        if (given.Contains("--seed")) o = o with { Seed = requested.Seed };
        return SaNodeRecipeOverride.Apply(o, requested, given).Options;
    }
}
