using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>What an attack may see of the model (Carlini et al. 2019, §4: threat models).</summary>
public enum AttackKind
{
    /// <summary>White-box: uses input gradients of the scores.</summary>
    Gradient,
    /// <summary>Sees the scores only (no gradients).</summary>
    ScoreOnly,
    /// <summary>Sees the predicted label only.</summary>
    DecisionOnly,
    /// <summary>Crafts its examples on a surrogate model; never queries the target's gradients.</summary>
    Transfer,
    /// <summary>Random perturbations: the baseline every real attack must beat; needs no query to craft.</summary>
    Random,
}

/// <summary>Settings every attack reads the parts of it needs from.</summary>
/// <param name="Iterations">Gradient steps (PGD, the minimal-L∞ oracle) or rounds (HopSkipJump).</param>
/// <param name="Restarts">Random restarts of PGD-type attacks.</param>
/// <param name="Queries">Score queries per image (Square).</param>
/// <param name="Decision">Budget of the decision-only attack; null: its defaults with <paramref name="Iterations"/> rounds.</param>
/// <param name="Surrogate">The model a transfer attack crafts its examples on.</param>
/// <param name="MinimalRounds">Bisection rounds of a minimal-norm search over the budget.</param>
/// <param name="Seed">Seed of every random start, probe and proposal of this call.</param>
public sealed record AttackSettings(int Iterations = 20, int Restarts = 1, int Queries = 500, HopSkipJumpOptions? Decision = null,
    IClassifier? Surrogate = null, int MinimalRounds = 10, ulong Seed = 1)
{
    /// <summary>The decision-only budget in effect.</summary>
    public HopSkipJumpOptions DecisionOrDefault => Decision ?? new HopSkipJumpOptions(Iterations: Iterations);
}

/// <summary>
/// One adversarial attack: a name (method, loss where it has one, norm — e.g. <c>pgd-margin-linf</c>), the norm it
/// measures perturbations in, what it sees of the model, and one batched entry point. <c>basin attack</c>, the
/// robustness evaluation and the tests iterate <see cref="AttackCatalogue.All"/>; adding an attack is one file with a
/// class implementing this interface plus one line in the catalogue.
/// </summary>
public interface IAttack
{
    /// <summary>Unique name, lower case: <c>method[-loss]-norm</c>.</summary>
    string Name { get; }

    /// <summary>The norm of the perturbation budget (or of the distance a minimal-norm attack minimises).</summary>
    Norm Norm { get; }

    /// <summary>What the attack sees of the model.</summary>
    AttackKind Kind { get; }

    /// <summary>True when the attack searches for the smallest perturbation that flips the decision and ignores the budget.</summary>
    bool MinimalNorm { get; }

    /// <summary>One line: the method and its source.</summary>
    string Description { get; }

    /// <summary>
    /// Attacks the B rows of <paramref name="x"/> (B×D, pixels in [0,1]) with labels <paramref name="y"/> at per-row budgets
    /// <paramref name="eps"/> (ignored by minimal-norm attacks). Returns per row the perturbed input, or null when the attack
    /// produced none (a minimal-norm attack that found no flip). Whether a row succeeded is the caller's question:
    /// <see cref="Attack.Succeeded"/>.
    /// </summary>
    double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings);
}
