using Basin.Data;
using Basin.SaNode;
using Basin.Tensors.IO;

namespace Basin.Studies.Reports;

/// <summary>A report's inputs, read and checked by <see cref="ModelReportStudy.Prepare"/> before any integration.</summary>
/// <param name="Options">The validated options.</param>
/// <param name="Path">The model file.</param>
/// <param name="Bundle">The model file's tensors and metadata.</param>
/// <param name="Model">The model in float32.</param>
/// <param name="Dataset">The dataset (from the options or the file's metadata).</param>
/// <param name="Images">The test images to evaluate.</param>
/// <param name="LearningCurve">The checkpoint's learning curve, or null.</param>
/// <param name="Robustness">The study files' robustness curves.</param>
/// <param name="Studies">The study files, as full paths.</param>
public sealed record ModelReportInputs(ModelReportOptions Options, string Path, TensorBundle Bundle, SaNodeModel<float> Model, string Dataset,
    LabeledImages Images, ReportLearningCurve? LearningCurve, List<RobustnessCurve> Robustness, string[] Studies);
