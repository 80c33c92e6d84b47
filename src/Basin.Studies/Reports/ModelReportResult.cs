using Basin.SaNode.Evaluation;
using Basin.Studies.SaNode;

namespace Basin.Studies.Reports;

/// <summary>Everything one model's report shows, computed by <see cref="ModelReportStudy"/> and written by <see cref="ModelReportHtml"/>.</summary>
/// <param name="Model">The model as given (<c>pretrained:mnist</c> or a file).</param>
/// <param name="Path">The model file.</param>
/// <param name="Dataset">The test images' dataset.</param>
/// <param name="N">Nodes (pixels).</param>
/// <param name="K">Attractors (classes).</param>
/// <param name="ClassNames">The dataset's class names.</param>
/// <param name="Provenance">Every metadata entry of the safetensors file (command, recipe, epochs …), by key.</param>
/// <param name="Evaluation">The accuracy table (<c>basin sanode eval</c> on the same images).</param>
/// <param name="Certificate">The linear-stability certificate.</param>
/// <param name="Horizon">The horizon study (<c>basin sanode study horizon</c> on the same images).</param>
/// <param name="Examples">Right, wrong and unsettled images at the horizon study's last time.</param>
/// <param name="LearningCurve">The checkpoint's learning curve (null without a checkpoint).</param>
/// <param name="Robustness">Robustness curves from the study files (empty without one).</param>
/// <param name="Studies">The study files given.</param>
/// <param name="Seconds">Wall time of the computation.</param>
public sealed record ModelReportResult(string Model, string Path, string Dataset, int N, int K, string[] ClassNames,
    SortedDictionary<string, string> Provenance, SaNodeEvalResult Evaluation, ReportCertificate Certificate, HorizonReport Horizon,
    ReportExamples Examples, ReportLearningCurve? LearningCurve, List<RobustnessCurve> Robustness, string[] Studies, double Seconds)
{
    /// <summary>Class name of class <paramref name="c"/>.</summary>
    public string ClassName(int c) => c >= 0 && c < ClassNames.Length ? ClassNames[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
