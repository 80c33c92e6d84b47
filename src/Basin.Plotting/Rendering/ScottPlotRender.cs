using SkiaSharp;

namespace Basin.Plotting;

/// <summary>Draws a ScottPlot plot into a rectangle of a Basin canvas.</summary>
internal static class ScottPlotRender
{
    /// <summary>
    /// Renders <paramref name="plot"/> into <paramref name="rect"/>. ScottPlot lays out and renders again when the first
    /// pass changed the layout (tick labels, axis limits); that pass is made here on a scratch raster of the same size,
    /// so that the real canvas — an SVG document in particular — receives the drawing once. ScottPlot clears its
    /// canvas's clip before drawing, so the target is clipped to <paramref name="rect"/>.
    /// </summary>
    public static void Draw(ScottPlot.Plot plot, SKCanvas canvas, SKRect rect)
    {
        var size = new ScottPlot.PixelRect(0, rect.Width, rect.Height, 0);
        using (var scratch = new SKBitmap(Math.Max(1, (int)Math.Ceiling(rect.Width)), Math.Max(1, (int)Math.Ceiling(rect.Height))))
        using (var scratchCanvas = new SKCanvas(scratch))
        {
            plot.Render(scratchCanvas, size);
        }

        canvas.Save();
        canvas.ClipRect(rect);
        plot.Render(canvas, new ScottPlot.PixelRect(rect.Left, rect.Right, rect.Bottom, rect.Top));
        canvas.Restore();
    }
}
