using Basin.SaNode.Evaluation;
using Basin.Studies.SaNode;

namespace Basin.Studies.Reports;

/// <summary>Options of <c>basin report</c>: what one model's report is computed from.</summary>
/// <param name="Model">SA-nODE model file or <c>pretrained:NAME</c>.</param>
/// <param name="Dataset">Test images: mnist, fashion or letters (null = the <c>dataset</c> entry of the file's metadata).</param>
/// <param name="Checkpoint">A training checkpoint (<c>M.safetensors.ckpt</c>) whose history gives the learning curve; null = no curve.</param>
/// <param name="Studies">Robustness results to plot: an accurate-or-stable result (<c>basin study accurate-or-stable --json</c>,
/// <c>basin merge</c>) and/or any number of <c>basin attack --json</c> results (one point each, joined into curves).</param>
/// <param name="Count">Evaluate the first N test images (0 = all).</param>
/// <param name="Evaluation">How the accuracy table is measured (<see cref="SaNodeEvaluation"/>, <c>basin sanode eval</c>'s defaults).</param>
/// <param name="HorizonTimes">Read-out times of the horizon study (null = <see cref="HorizonStudyOptions.DefaultTimes"/>);
/// the right, wrong and unsettled examples are read at the largest.</param>
/// <param name="ExamplesPerKind">Images shown per kind (right, wrong, unsettled).</param>
public sealed record ModelReportOptions(string Model, string? Dataset = null, string? Checkpoint = null, IReadOnlyList<string>? Studies = null,
    int Count = 500, SaNodeEvalOptions? Evaluation = null, double[]? HorizonTimes = null, int ExamplesPerKind = 8)
{
    /// <summary>The evaluation options in use.</summary>
    public SaNodeEvalOptions EvaluationOptions => Evaluation ?? new SaNodeEvalOptions();

    /// <summary>The horizon read-out times in use.</summary>
    public double[] Times => HorizonTimes ?? HorizonStudyOptions.DefaultTimes;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public ModelReportOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("--model is empty.");
        if (Count < 0) throw new ArgumentException("--count must be ≥ 0 (0 = every test image).");
        if (ExamplesPerKind is < 1 or > 64) throw new ArgumentException("--examples must be between 1 and 64.");
        if (Times.Length == 0 || Times.Any(t => !(t > 0) || !double.IsFinite(t))) throw new ArgumentException("--times must be positive and finite.");
        return this;
    }
}
