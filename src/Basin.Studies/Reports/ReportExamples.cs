namespace Basin.Studies.Reports;

/// <summary>
/// The evaluated images split three ways by their state x(t) at the horizon study's last time t (Marino et al. 2024 §III:
/// sign overlap m with the label's attractor, H counts m ≥ 0.95): <b>right</b> — m ≥ 0.95, settled in the label's
/// attractor; <b>wrong</b> — otherwise, and the nearest attractor is another class's; <b>unsettled</b> — otherwise, nearest
/// the label's attractor but not yet in it (m &lt; 0.95). Right + Wrong + Unsettled = the images evaluated, and
/// Right / count is H(t).
/// </summary>
/// <param name="Time">The read-out time t.</param>
/// <param name="Rows">Image height.</param>
/// <param name="Cols">Image width.</param>
/// <param name="Right">Images right.</param>
/// <param name="Wrong">Images wrong.</param>
/// <param name="Unsettled">Images unsettled.</param>
/// <param name="RightSamples">The first right images.</param>
/// <param name="WrongSamples">The first wrong images.</param>
/// <param name="UnsettledSamples">The first unsettled images.</param>
public sealed record ReportExamples(double Time, int Rows, int Cols, int Right, int Wrong, int Unsettled,
    ReportExample[] RightSamples, ReportExample[] WrongSamples, ReportExample[] UnsettledSamples);
