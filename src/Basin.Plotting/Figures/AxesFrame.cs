namespace Basin.Plotting;

/// <summary>
/// The shared layout and decoration of a panel with two axes: margins from measured text (title, tick labels,
/// axis labels), grid lines, frame, ticks and labels. Axes are created lazily through callbacks because the number
/// of ticks that fit depends on the plot area, and the left margin depends on the y tick labels.
/// </summary>
internal static class AxesFrame
{
    /// <summary>Computes the plot rectangle and both axes (already mapped to pixels).</summary>
    public static (RectD Plot, Axis X, Axis Y) Layout(IRenderTarget target, RectD area, PlotStyle style, string? title,
        string? xLabel, string? yLabel, double rightReserve, Func<int, Axis> makeX, Func<int, Axis> makeY, bool yDown = false)
    {
        double pad = style.Pad;
        RectD r = area.Inset(pad);
        double top = r.Y;
        if (!string.IsNullOrEmpty(title))
        {
            top += target.MeasureText(title, TitleSize(target, title, area, style)).Height + (pad * 0.8);
        }

        double tickH = target.MeasureText("0", style.TickFont).Height;
        double bottom = r.Bottom - tickH - style.TickLength - (pad * 0.4);
        if (!string.IsNullOrEmpty(xLabel))
        {
            bottom -= target.MeasureText(xLabel, style.LabelFont).Height + (pad * 0.6);
        }

        bottom = Math.Max(bottom, top + 1);
        double plotH = bottom - top;
        Axis y = makeY(Math.Clamp((int)(plotH / (tickH * 2.6)), 2, 9));
        double yTickW = y.Ticks.Length == 0 ? 0 : y.Ticks.Max(t => target.MeasureText(t.Label, style.TickFont).Width);
        double left = r.X + yTickW + style.TickLength + (pad * 0.4);
        if (!string.IsNullOrEmpty(yLabel))
        {
            left += target.MeasureText(yLabel, style.LabelFont).Height + (pad * 0.6);
        }

        double right = r.Right - rightReserve - (tickH * 0.8);
        right = Math.Max(right, left + 1);
        double plotW = right - left;

        Axis x = makeX(9);
        int chosen = 2;
        for (int maxTicks = Math.Clamp((int)(plotW / (tickH * 4)), 2, 9); maxTicks >= 2; maxTicks--)
        {
            x = makeX(maxTicks);
            chosen = maxTicks;
            double widest = x.Ticks.Length == 0 ? 0 : x.Ticks.Max(t => target.MeasureText(t.Label, style.TickFont).Width);
            if (x.Ticks.Length * (widest + (tickH * 1.2)) <= plotW)
            {
                break;
            }
        }

        if (x.Ticks.Length > 0)
        {
            double overhang = (target.MeasureText(x.Ticks[^1].Label, style.TickFont).Width / 2) - (tickH * 0.8) - pad;
            if (overhang > 0 && plotW - overhang > 1)
            {
                plotW -= overhang;
                x = makeX(chosen);
            }
        }

        var plot = new RectD(left, top, plotW, plotH);
        x.SetPixels(plot.X, plot.Right);
        if (yDown)
        {
            y.SetPixels(plot.Y, plot.Bottom);
        }
        else
        {
            y.SetPixels(plot.Bottom, plot.Y);
        }

        return (plot, x, y);
    }

    public static void DrawGrid(IRenderTarget target, RectD plot, Axis x, Axis y, PlotStyle style)
    {
        foreach ((double v, _) in x.Ticks)
        {
            double px = x.Map(v);
            target.Line(px, plot.Y, px, plot.Bottom, PlotStyle.Grid, style.GridWidth);
        }

        foreach ((double v, _) in y.Ticks)
        {
            double py = y.Map(v);
            target.Line(plot.X, py, plot.Right, py, PlotStyle.Grid, style.GridWidth);
        }
    }

    public static void DrawDecorations(IRenderTarget target, RectD area, RectD plot, Axis x, Axis y, PlotStyle style,
        string? title, string? xLabel, string? yLabel)
    {
        target.StrokeRect(plot, PlotStyle.Frame, style.FrameWidth);
        double tl = style.TickLength, gap = style.Pad * 0.4;
        foreach ((double v, string label) in x.Ticks)
        {
            double px = x.Map(v);
            target.Line(px, plot.Bottom, px, plot.Bottom + tl, PlotStyle.Frame, style.FrameWidth);
            target.Text(label, px, plot.Bottom + tl + gap, style.TickFont, PlotStyle.Ink, TextAlign.Middle, TextBaseline.Top);
        }

        foreach (double v in x.MinorTicks)
        {
            double px = x.Map(v);
            target.Line(px, plot.Bottom, px, plot.Bottom + (tl * 0.6), PlotStyle.Frame, style.FrameWidth);
        }

        foreach ((double v, string label) in y.Ticks)
        {
            double py = y.Map(v);
            target.Line(plot.X - tl, py, plot.X, py, PlotStyle.Frame, style.FrameWidth);
            target.Text(label, plot.X - tl - gap, py, style.TickFont, PlotStyle.Ink, TextAlign.End, TextBaseline.Middle);
        }

        foreach (double v in y.MinorTicks)
        {
            double py = y.Map(v);
            target.Line(plot.X - (tl * 0.6), py, plot.X, py, PlotStyle.Frame, style.FrameWidth);
        }

        double pad = style.Pad;
        if (!string.IsNullOrEmpty(xLabel))
        {
            target.Text(xLabel, plot.CenterX, area.Bottom - pad, style.LabelFont, PlotStyle.Ink, TextAlign.Middle, TextBaseline.Bottom);
        }

        if (!string.IsNullOrEmpty(yLabel))
        {
            double tickW = y.Ticks.Length == 0 ? 0 : y.Ticks.Max(t => target.MeasureText(t.Label, style.TickFont).Width);
            double labelH = target.MeasureText(yLabel, style.LabelFont).Height;
            double lx = Math.Max(area.X + pad, plot.X - tl - gap - tickW - (pad * 0.6) - labelH);
            target.Text(yLabel, lx, plot.CenterY, style.LabelFont, PlotStyle.Ink, TextAlign.Middle, TextBaseline.Top, vertical: true);
        }

        DrawTitle(target, area, plot.CenterX, style, title);
    }

    public static void DrawTitle(IRenderTarget target, RectD area, double centerX, PlotStyle style, string? title, double? size = null)
    {
        if (!string.IsNullOrEmpty(title))
        {
            double s = size ?? TitleSize(target, title, area, style);
            double half = target.MeasureText(title, s).Width / 2;
            centerX = Math.Clamp(centerX, area.X + half, Math.Max(area.X + half, area.Right - half));
            target.Text(title, centerX, area.Y + style.Pad, s, PlotStyle.Ink, TextAlign.Middle, TextBaseline.Top, bold: true);
        }
    }

    /// <summary>The title font size, shrunk step by step (down to the small font) until the title fits the panel width.</summary>
    public static double TitleSize(IRenderTarget target, string title, RectD area, PlotStyle style)
    {
        double size = style.TitleFont, available = area.Width - (2 * style.Pad);
        while (size > style.SmallFont && target.MeasureText(title, size).Width > available)
        {
            size *= 0.9;
        }

        return size;
    }
}
