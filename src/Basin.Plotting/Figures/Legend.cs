namespace Basin.Plotting;

/// <summary>Lays out and draws a legend box in a corner of the plot area.</summary>
internal static class Legend
{
    public static void Draw(IRenderTarget target, RectD plot, IReadOnlyList<LegendEntry> entries, LegendPosition position,
        PlotStyle style, IReadOnlyList<PointD> data)
    {
        if (position == LegendPosition.None || entries.Count == 0)
        {
            return;
        }

        double font = style.SmallFont * 1.1;
        double rowH = Math.Max(target.MeasureText("Ag", font).Height, style.MarkerSize) * 1.45;
        double swatch = 22 * style.Unit;
        double pad = 6 * style.Unit;
        double textW = entries.Max(e => target.MeasureText(e.Name, font).Width);
        double w = pad + swatch + pad + textW + pad;
        double h = (2 * pad) + (rowH * entries.Count) - (rowH * 0.3);
        double margin = 8 * style.Unit;
        if (w > plot.Width - (2 * margin) || h > plot.Height - (2 * margin))
        {
            return;
        }

        RectD Box(LegendPosition p) => p switch
        {
            LegendPosition.TopLeft => new RectD(plot.X + margin, plot.Y + margin, w, h),
            LegendPosition.BottomRight => new RectD(plot.Right - margin - w, plot.Bottom - margin - h, w, h),
            LegendPosition.BottomLeft => new RectD(plot.X + margin, plot.Bottom - margin - h, w, h),
            _ => new RectD(plot.Right - margin - w, plot.Y + margin, w, h),
        };

        RectD box = Box(position);
        if (position == LegendPosition.Auto)
        {
            int best = int.MaxValue;
            foreach (LegendPosition p in (ReadOnlySpan<LegendPosition>)[LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft])
            {
                RectD candidate = Box(p);
                int covered = 0;
                foreach (PointD q in data)
                {
                    if (candidate.Contains(q.X, q.Y))
                    {
                        covered++;
                    }
                }

                if (covered < best)
                {
                    best = covered;
                    box = candidate;
                }
            }
        }

        target.FillRect(box, Rgba32.White.WithAlpha(235));
        target.StrokeRect(box, new Rgba32(190, 190, 190), Math.Max(1, style.Unit * 0.8));
        for (int i = 0; i < entries.Count; i++)
        {
            LegendEntry e = entries[i];
            double cy = box.Y + pad + (rowH * (i + 0.35));
            double sx = box.X + pad;
            if (e.Patch)
            {
                double s = rowH * 0.55;
                target.FillRect(new RectD(sx + ((swatch - (s * 1.4)) / 2), cy - (s / 2), s * 1.4, s), e.Color);
            }
            else
            {
                if (e.LineWidth > 0)
                {
                    target.Line(sx, cy, sx + swatch, cy, e.Color, e.LineWidth);
                }

                if (e.Marker != MarkerShape.None)
                {
                    target.Marker(sx + (swatch / 2), cy, e.Marker, style.MarkerSize, e.Color);
                }
            }

            target.Text(e.Name, sx + swatch + pad, cy, font, PlotStyle.Ink, TextAlign.Start, TextBaseline.Middle);
        }
    }
}
