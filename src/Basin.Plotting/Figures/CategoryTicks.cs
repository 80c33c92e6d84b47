namespace Basin.Plotting;

/// <summary>
/// Tick labels at the integer positions 0…n−1 of a category axis, every k-th one when the labels would otherwise
/// overlap: k = ⌈n · (widest label + gap) / axis length⌉, decided when ScottPlot lays the axis out.
/// </summary>
internal sealed class CategoryTicks(IReadOnlyList<string> categories, float widestLabel) : ScottPlot.ITickGenerator
{
    public ScottPlot.Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 10_000;

    public void Regenerate(ScottPlot.CoordinateRange range, ScottPlot.Edge edge, ScottPlot.PixelLength size, ScottPlot.Paint paint, ScottPlot.LabelStyle labelStyle)
    {
        int n = categories.Count;
        double perLabel = widestLabel * 1.25;
        int stride = n == 0 ? 1 : Math.Max(1, (int)Math.Ceiling(n * perLabel / Math.Max(size.Length, 1)));
        Ticks = Enumerable.Range(0, n).Where(i => i % stride == 0).Select(i => ScottPlot.Tick.Major(i, categories[i])).ToArray();
    }
}
