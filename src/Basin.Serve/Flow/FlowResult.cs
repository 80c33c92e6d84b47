namespace Basin.Serve.Flow;

/// <summary>One recorded state of the flow: time, the state x(t) as an image, its overlap with every attractor.</summary>
public sealed record FlowFrame(double T, float[] Pixels, double[] Overlaps);

/// <summary>Where the flow took an image (the answer of <c>POST /api/classify</c>).</summary>
/// <param name="Model">The model's API name.</param>
/// <param name="Class">Nearest attractor of x(T): argmax_k x(T)·φ⁽ᵏ⁾.</param>
/// <param name="ClassName">That class's name in the model's dataset, when known.</param>
/// <param name="Overlaps">m_k = x(T)·φ⁽ᵏ⁾/(N a²) for every attractor.</param>
/// <param name="SignOverlap">Share of nodes whose sign agrees with φ⁽ᶜˡᵃˢˢ⁾.</param>
/// <param name="Settled">Sign overlap ≥ 0.95 (the paper's criterion of H).</param>
/// <param name="Horizon">T.</param>
/// <param name="Solver">The tableau.</param>
/// <param name="Input">The input as integrated (after MNIST-style preparation of an uploaded image).</param>
/// <param name="Frames">States at evenly spaced times from 0 to T.</param>
public sealed record FlowResult(string Model, int Class, string? ClassName, double[] Overlaps, double SignOverlap, bool Settled, double Horizon, string Solver,
    float[] Input, FlowFrame[] Frames);
