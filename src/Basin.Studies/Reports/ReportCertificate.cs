using System.Text.Json.Serialization;
using Basin.SaNode.Analysis;

namespace Basin.Studies.Reports;

/// <summary>
/// The linear-stability certificate of the planted attractors as the report shows it (<see cref="StabilityCertificate"/>,
/// Marino et al. 2024 §II.B): J = −8|γ|a² I + βA at every attractor; stable by the paper's bound when every effective
/// eigenvalue λ_α &lt; 8a²|γ|/β, stable by the spectrum when max Re spec J &lt; 0; settling time t_s = 1/min|Re spec J|.
/// </summary>
/// <param name="Gamma">γ of the double-well reaction.</param>
/// <param name="A">Attractor amplitude a.</param>
/// <param name="Beta">Coupling scale β.</param>
/// <param name="Bound">8a²|γ|/β.</param>
/// <param name="MaxLambdaEffective">Largest effective eigenvalue λ_α.</param>
/// <param name="StableByBound">max λ_α below the bound.</param>
/// <param name="ReactionSlope">f'(±a) = −8|γ|a².</param>
/// <param name="MaxRealJacobian">max Re spec J.</param>
/// <param name="StableBySpectrum">max Re spec J &lt; 0.</param>
/// <param name="SettlingTime">t_s = 1/min|Re spec J|.</param>
/// <param name="MaxFixedPointResidual">max over k of ‖F(φ⁽ᵏ⁾)‖∞.</param>
/// <param name="MaxGapSpectrumVsPrediction">Largest gap between computed and predicted real parts (<see cref="SaNode.SaNodeStabilityReport.Prediction"/>).</param>
/// <param name="Detail">The whole certificate (spectrum and eigenvalues) for the figures.</param>
/// <param name="InitialLambda">λ at initialisation, rebuilt from the recipe's seed (null when the file has no recipe).</param>
public sealed record ReportCertificate(double Gamma, double A, double Beta, double Bound, double MaxLambdaEffective, bool StableByBound,
    double ReactionSlope, double MaxRealJacobian, bool StableBySpectrum, double SettlingTime, double MaxFixedPointResidual,
    double MaxGapSpectrumVsPrediction, [property: JsonIgnore] StabilityCertificate Detail, [property: JsonIgnore] double[]? InitialLambda)
{
    /// <summary>Both criteria hold.</summary>
    public bool AllAttractorsStable => StableByBound && StableBySpectrum;

    /// <summary>The report's view of <paramref name="c"/>.</summary>
    public static ReportCertificate From(StabilityCertificate c, int k, double[]? initialLambda) => new(c.Gamma, c.A, c.Beta, c.Bound,
        c.MaxLambdaEffective, c.StableByBound, c.ReactionSlope, c.MaxRealJacobian, c.StableBySpectrum, c.SettlingTime, c.MaxFixedPointResidual,
        SaNode.SaNodeStabilityReport.Prediction(c, k).MaxGap, c, initialLambda);
}
