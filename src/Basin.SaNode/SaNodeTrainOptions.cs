using Basin.Dynamics;

namespace Basin.SaNode;

/// <summary>
/// Training recipe. Defaults are the reference code's: Adam, learning rate 1e-3, Euler with Δt = 0.1 for 55 steps
/// (T = 5.5), mini-batches of 250, MSE to the attractor. <see cref="Schedule"/> = <c>cosine</c> with warm-up is the
/// faster recipe Basin adds for CPU budgets.
/// </summary>
public sealed record SaNodeTrainOptions
{
    /// <summary>Epochs to run (total, including those already done when resuming).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 250;

    /// <summary>Integration steps during training.</summary>
    public int Steps { get; init; } = 55;

    /// <summary>Step size Δt.</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>Solver name, a method of <see cref="ButcherTableau.Catalogue"/> (euler, heun, rk4).</summary>
    public string Solver { get; init; } = "euler";

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Multiplier of the learning rate for the spectrum (λ and γ) relative to Φ_train. Adam moves every entry by about
    /// the learning rate per step whatever its scale, so with entries of Φ_train ~ 1/√N and λ ~ −5 one shared rate
    /// moves Φ fast and λ slowly; a scale &gt; 1 rebalances them (1 = the reference recipe).
    /// </summary>
    public double SpectralLearningRateScale { get; init; } = 1;

    /// <summary>Learning-rate schedule: <c>constant</c> or <c>cosine</c> (decays to <see cref="MinLearningRateFraction"/> of the peak).</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>Linear warm-up length in epochs (fractional allowed).</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Final learning rate of the cosine schedule as a fraction of the peak.</summary>
    public double MinLearningRateFraction { get; init; } = 0.02;

    /// <summary>Training noise ε_train: ⌊εN⌋ random pixels of each training image replaced by uniform values.</summary>
    public double NoiseTrain { get; init; }

    /// <summary>
    /// Robust-training recipe applied to every batch after augmentation and noise (<see cref="Training.Robust.RobustTraining"/>:
    /// <c>gaussian:σ</c> or <c>pgd:eps=ε[,steps=K][,step=α]</c>); null: none (and absent from the serialised recipe).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Robust { get; init; }

    /// <summary>
    /// Random affine augmentation of every training image, drawn anew each epoch (<see cref="Basin.Data.Augmentation.Parse"/>:
    /// <c>none</c> or e.g. <c>shift=2,rotate=10,scale=0.1</c>); applied before the noise ε_train.
    /// </summary>
    public string Augment { get; init; } = "none";

    /// <summary>Seed for initialisation, shuffling and noise.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Keep every k-th state in the forward pass and recompute the segments in the backward pass (0 = automatic:
    /// store every state unless that needs more than 512 MiB, then k = ⌈√S⌉). Memory is (S+1)·B·N floats when all
    /// states are kept, (S/k + k + 1)·B·N with checkpoints; the gradients are identical.
    /// </summary>
    public int CheckpointEvery { get; init; }

    /// <summary>The effective checkpoint interval for <paramref name="n"/> nodes (0 = keep every state).</summary>
    public int CheckpointInterval(int n)
    {
        if (CheckpointEvery > 0) return CheckpointEvery;
        double bytes = (Steps + 1.0) * BatchSize * n * sizeof(float);
        return bytes > 512.0 * 1024 * 1024 ? (int)Math.Ceiling(Math.Sqrt(Steps)) : 0;
    }

    /// <summary>
    /// Cap on each sample's adjoint norm during the backward pass, relative to its ‖∂L/∂x(T)‖ (0 = exact gradients; see
    /// <see cref="Basin.Dynamics.SolverOptions.AdjointClip"/>). For long training horizons, where a few trajectories near
    /// basin boundaries otherwise dominate the gradient.
    /// </summary>
    public double AdjointClip { get; init; }

    /// <summary>Global gradient-norm clip (0 disables).</summary>
    public double ClipNorm { get; init; }

    /// <summary>
    /// "discrete" (default): backpropagate through the Euler steps to x(T) at T = Steps·Dt. "implicit": train the attractor
    /// reached — integrate (unrecorded, settled rows retiring) to <see cref="ImplicitHorizon"/> and take the implicit
    /// adjoint at that fixed point (<see cref="Basin.Dynamics.ImplicitAdjoint{T}"/>), memory O(B·N) whatever the horizon.
    /// Measured on letters from scratch (default recipe, 40 epochs, shared 2-core machine): discrete H = 100 % in 5.9 s,
    /// implicit H = 20 % (chance) in 12.2 s — the gradient at x* moves the attractor a sample reaches, not the basin it
    /// falls into, so from a random start it does not learn; it is for fine-tuning a model whose samples already reach
    /// their class's attractor (not yet measured).
    /// </summary>
    public string Gradient { get; init; } = "discrete";

    /// <summary>Time to which the implicit gradient integrates towards the attractor (Euler steps of <see cref="Dt"/>).</summary>
    public double ImplicitHorizon { get; init; } = 30;

    /// <summary>Solver options of the training horizon, clipped to ±10a.</summary>
    public SolverOptions SolverOptions(double a) => new SolverOptions(ButcherTableau.Parse(Solver), Dt, Steps, Clip: 10 * a, AdjointClip: AdjointClip).Validate();

    /// <summary>Validates the recipe.</summary>
    public SaNodeTrainOptions Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"--epochs must be ≥ 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"--batch must be ≥ 1, got {BatchSize}.");
        if (Steps < 1) throw new ArgumentException($"--steps must be ≥ 1, got {Steps}.");
        if (!(Dt > 0)) throw new ArgumentException($"--dt must be positive, got {Dt}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"--lr must be positive, got {LearningRate}.");
        if (NoiseTrain < 0 || NoiseTrain > 1) throw new ArgumentException($"--noise must lie in [0, 1], got {NoiseTrain}.");
        if (!(SpectralLearningRateScale > 0)) throw new ArgumentException($"--spectral-lr-scale must be positive, got {SpectralLearningRateScale}.");
        if (AdjointClip < 0 || !double.IsFinite(AdjointClip)) throw new ArgumentException($"--adjoint-clip must be ≥ 0, got {AdjointClip}.");
        if (CheckpointEvery < 0) throw new ArgumentException($"--checkpoint-every must be ≥ 0, got {CheckpointEvery}.");
        if (Gradient is not ("discrete" or "implicit")) throw new ArgumentException($"--gradient must be discrete or implicit, got '{Gradient}'.");
        if (!(ImplicitHorizon >= Dt) || !double.IsFinite(ImplicitHorizon)) throw new ArgumentException($"--implicit-horizon must be at least one step of Δt, got {ImplicitHorizon}.");
        if (Schedule is not ("constant" or "cosine")) throw new ArgumentException($"--schedule must be constant or cosine, got '{Schedule}'.");
        ButcherTableau.Parse(Solver);
        if (Robust != null) Training.Robust.RobustTraining.Parse(Robust);
        try { Basin.Data.Augmentation.Parse(Augment); }
        catch (FormatException e) { throw new ArgumentException("--augment: " + e.Message, e); }
        return this;
    }

    /// <summary>Learning rate at fractional epoch <paramref name="epoch"/>.</summary>
    public double LearningRateAt(double epoch)
    {
        double lr = LearningRate;
        if (WarmupEpochs > 0 && epoch < WarmupEpochs) return lr * Math.Max(epoch / WarmupEpochs, 0.01);
        if (Schedule == "cosine")
        {
            double span = Math.Max(Epochs - WarmupEpochs, 1e-9);
            double t = Math.Clamp((epoch - WarmupEpochs) / span, 0, 1);
            double min = lr * MinLearningRateFraction;
            return min + 0.5 * (lr - min) * (1 + Math.Cos(Math.PI * t));
        }
        return lr;
    }
}
