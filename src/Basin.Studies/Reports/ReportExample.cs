using System.Text.Json.Serialization;

namespace Basin.Studies.Reports;

/// <summary>One test image shown in the report.</summary>
/// <param name="Index">Its index in the test split.</param>
/// <param name="Label">Its label.</param>
/// <param name="Nearest">The attractor nearest x(t) (largest x·φ⁽ᵏ⁾).</param>
/// <param name="SignOverlap">m = share of nodes whose sign agrees with the label's attractor φ⁽ʸ⁾.</param>
/// <param name="Pixels">The image (row-major, values in [0, 1]).</param>
public sealed record ReportExample(int Index, int Label, int Nearest, double SignOverlap, [property: JsonIgnore] float[] Pixels);
