using Basin.Plotting;

namespace Basin.Studies.Reports;

/// <summary>One figure of a report: the plot, the size it is drawn at, and its text alternative.</summary>
/// <param name="Key">Stable identifier (used as the element id).</param>
/// <param name="Alt">What the figure shows, in words.</param>
/// <param name="Plot">The figure.</param>
/// <param name="Width">Width in pixels (0 = the plot's own).</param>
/// <param name="Height">Height in pixels (0 = the plot's own).</param>
public sealed record ReportFigure(string Key, string Alt, Plot Plot, int Width = 0, int Height = 0)
{
    /// <summary>The figure as SVG text.</summary>
    public string ToSvg() => Width > 0 && Height > 0 ? Plot.ToSvg(Width, Height) : Plot.ToSvg();
}
