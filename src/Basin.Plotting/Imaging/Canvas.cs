namespace Basin.Plotting;

/// <summary>
/// An RGBA raster with straight alpha and source-over blending. Shapes are anti-aliased analytically: a pixel's
/// coverage is estimated from the signed distance of its centre to the shape's edge (clamped to [0, 1] over a
/// one-pixel ramp), which gives smooth lines of any width (round caps), discs, rings and convex polygons without
/// supersampling. Axis-aligned rectangles, text (see <see cref="BitmapFont"/>) and images (nearest neighbour) are
/// pixel-exact. All drawing respects the clip rectangle.
/// </summary>
public sealed class Canvas
{
    private readonly Rgba32[] _pixels;
    private int _clipX0, _clipY0, _clipX1, _clipY1;

    /// <summary>Creates a canvas filled with <paramref name="background"/> (white if omitted).</summary>
    /// <exception cref="ArgumentException">A dimension is not positive or the canvas is too large.</exception>
    public Canvas(int width, int height, Rgba32? background = null)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"Canvas size must be positive, got {width}×{height}.", nameof(width));
        }

        if ((long)width * height > 1L << 28)
        {
            throw new ArgumentException($"Canvas of {width}×{height} is too large.", nameof(width));
        }

        Width = width;
        Height = height;
        _pixels = new Rgba32[width * height];
        Clear(background ?? Rgba32.White);
        ResetClip();
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row-major, top row first.</summary>
    public Span<Rgba32> Pixels => _pixels;

    /// <summary>The pixel at (x, y).</summary>
    public Rgba32 GetPixel(int x, int y) => _pixels[Index(x, y)];

    /// <summary>Overwrites the pixel at (x, y) (no blending, ignores the clip).</summary>
    public void SetPixel(int x, int y, Rgba32 color) => _pixels[Index(x, y)] = color;

    /// <summary>Overwrites every pixel with <paramref name="color"/>.</summary>
    public void Clear(Rgba32 color) => Array.Fill(_pixels, color);

    /// <summary>Restricts drawing to the pixels whose centres lie in the given rectangle.</summary>
    public void SetClip(double x, double y, double width, double height)
    {
        _clipX0 = Math.Clamp(RoundEdge(x), 0, Width);
        _clipY0 = Math.Clamp(RoundEdge(y), 0, Height);
        _clipX1 = Math.Clamp(RoundEdge(x + width), _clipX0, Width);
        _clipY1 = Math.Clamp(RoundEdge(y + height), _clipY0, Height);
    }

    /// <summary>Removes the clip rectangle.</summary>
    public void ResetClip()
    {
        _clipX0 = 0;
        _clipY0 = 0;
        _clipX1 = Width;
        _clipY1 = Height;
    }

    /// <summary>Fills the pixels whose centres lie inside the rectangle (at least one pixel wide and high when non-empty).</summary>
    public void FillRect(double x, double y, double width, double height, Rgba32 color)
    {
        if (!(width > 0 && height > 0) || !double.IsFinite(x + y + width + height))
        {
            return;
        }

        int x0 = RoundEdge(x), y0 = RoundEdge(y);
        int x1 = Math.Max(RoundEdge(x + width), x0 + 1), y1 = Math.Max(RoundEdge(y + height), y0 + 1);
        x0 = Math.Max(x0, _clipX0);
        y0 = Math.Max(y0, _clipY0);
        x1 = Math.Min(x1, _clipX1);
        y1 = Math.Min(y1, _clipY1);
        for (int py = y0; py < y1; py++)
        {
            Span<Rgba32> row = _pixels.AsSpan((py * Width) + x0, Math.Max(0, x1 - x0));
            if (color.A == 255)
            {
                row.Fill(color);
            }
            else
            {
                for (int i = 0; i < row.Length; i++)
                {
                    Blend(ref row[i], color, 1f);
                }
            }
        }
    }

    /// <summary>Strokes the rectangle's outline with crisp bands of <paramref name="lineWidth"/> pixels drawn inside it.</summary>
    public void StrokeRect(double x, double y, double width, double height, Rgba32 color, double lineWidth = 1)
    {
        double t = Math.Max(1, Math.Round(lineWidth));
        FillRect(x, y, width, t, color);
        FillRect(x, y + height - t, width, t, color);
        FillRect(x, y + t, t, height - (2 * t), color);
        FillRect(x + width - t, y + t, t, height - (2 * t), color);
    }

    /// <summary>Draws an anti-aliased line segment with round caps; widths below one pixel fade instead of thinning.</summary>
    public void DrawLine(double x0, double y0, double x1, double y1, Rgba32 color, double width = 1)
    {
        if (!(width > 0) || !double.IsFinite(x0 + y0 + x1 + y1))
        {
            return;
        }

        double hw = Math.Max(width, 1) * 0.5;
        float fade = (float)Math.Min(width, 1);
        double reach = hw + 1;
        double dx = x1 - x0, dy = y1 - y0;
        double len2 = (dx * dx) + (dy * dy);
        int rowStart = Math.Max(_clipY0, (int)Math.Floor(Math.Min(y0, y1) - reach));
        int rowEnd = Math.Min(_clipY1 - 1, (int)Math.Ceiling(Math.Max(y0, y1) + reach));
        for (int py = rowStart; py <= rowEnd; py++)
        {
            double cy = py + 0.5;
            double xa, xb;
            if (Math.Abs(dy) < 1e-12)
            {
                xa = Math.Min(x0, x1);
                xb = Math.Max(x0, x1);
            }
            else
            {
                double t0 = (cy - reach - y0) / dy, t1 = (cy + reach - y0) / dy;
                if (t0 > t1)
                {
                    (t0, t1) = (t1, t0);
                }

                t0 = Math.Max(t0, 0);
                t1 = Math.Min(t1, 1);
                if (t0 > t1)
                {
                    continue;
                }

                xa = x0 + (dx * t0);
                xb = x0 + (dx * t1);
                if (xa > xb)
                {
                    (xa, xb) = (xb, xa);
                }
            }

            int colStart = Math.Max(_clipX0, (int)Math.Floor(xa - reach));
            int colEnd = Math.Min(_clipX1 - 1, (int)Math.Ceiling(xb + reach));
            int rowOffset = py * Width;
            for (int px = colStart; px <= colEnd; px++)
            {
                double cx = px + 0.5;
                double t = len2 > 0 ? Math.Clamp((((cx - x0) * dx) + ((cy - y0) * dy)) / len2, 0, 1) : 0;
                double ex = x0 + (t * dx) - cx, ey = y0 + (t * dy) - cy;
                double coverage = hw + 0.5 - Math.Sqrt((ex * ex) + (ey * ey));
                if (coverage > 0)
                {
                    Blend(ref _pixels[rowOffset + px], color, (float)Math.Min(coverage, 1) * fade);
                }
            }
        }
    }

    /// <summary>Draws consecutive segments through <paramref name="points"/>; non-finite points break the line.</summary>
    public void DrawPolyline(ReadOnlySpan<PointD> points, Rgba32 color, double width = 1)
    {
        for (int i = 1; i < points.Length; i++)
        {
            DrawLine(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, color, width);
        }

        if (points.Length == 1)
        {
            DrawLine(points[0].X, points[0].Y, points[0].X, points[0].Y, color, width);
        }
    }

    /// <summary>Fills an anti-aliased disc of radius <paramref name="radius"/> centred at (cx, cy).</summary>
    public void FillCircle(double cx, double cy, double radius, Rgba32 color) => Ring(cx, cy, radius, 0, color, filled: true);

    /// <summary>Strokes an anti-aliased circle (a ring of width <paramref name="lineWidth"/> centred on the radius).</summary>
    public void DrawCircle(double cx, double cy, double radius, Rgba32 color, double lineWidth = 1) =>
        Ring(cx, cy, radius, Math.Max(lineWidth, 1) * 0.5, color, filled: false);

    /// <summary>
    /// Fills a convex polygon, anti-aliased; coverage is 0.5 plus the smallest signed distance from the pixel centre
    /// to the polygon's edges, clamped to [0, 1].
    /// </summary>
    public void FillConvexPolygon(ReadOnlySpan<PointD> points, Rgba32 color)
    {
        int n = points.Length;
        if (n < 3)
        {
            return;
        }

        double gx = 0, gy = 0, minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (PointD p in points)
        {
            if (!double.IsFinite(p.X + p.Y))
            {
                return;
            }

            gx += p.X / n;
            gy += p.Y / n;
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        Span<double> edges = n <= 32 ? stackalloc double[3 * n] : new double[3 * n];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            PointD a = points[i], b = points[(i + 1) % n];
            double ex = b.X - a.X, ey = b.Y - a.Y, len = Math.Sqrt((ex * ex) + (ey * ey));
            if (len < 1e-12)
            {
                continue;
            }

            double nx = -ey / len, ny = ex / len;
            if ((nx * (gx - a.X)) + (ny * (gy - a.Y)) < 0)
            {
                nx = -nx;
                ny = -ny;
            }

            edges[count++] = nx;
            edges[count++] = ny;
            edges[count++] = -((nx * a.X) + (ny * a.Y));
        }

        int x0 = Math.Max(_clipX0, (int)Math.Floor(minX) - 1), x1 = Math.Min(_clipX1 - 1, (int)Math.Ceiling(maxX) + 1);
        int y0 = Math.Max(_clipY0, (int)Math.Floor(minY) - 1), y1 = Math.Min(_clipY1 - 1, (int)Math.Ceiling(maxY) + 1);
        for (int py = y0; py <= y1; py++)
        {
            double cy = py + 0.5;
            for (int px = x0; px <= x1; px++)
            {
                double cx = px + 0.5, inside = double.MaxValue;
                for (int e = 0; e < count; e += 3)
                {
                    inside = Math.Min(inside, (edges[e] * cx) + (edges[e + 1] * cy) + edges[e + 2]);
                }

                double coverage = inside + 0.5;
                if (coverage > 0)
                {
                    Blend(ref _pixels[(py * Width) + px], color, (float)Math.Min(coverage, 1));
                }
            }
        }
    }

    /// <summary>Draws a marker of overall size <paramref name="size"/> pixels centred at (x, y).</summary>
    public void DrawMarker(double x, double y, MarkerShape shape, double size, Rgba32 color)
    {
        double r = size * 0.5;
        Span<PointD> p = stackalloc PointD[4];
        switch (shape)
        {
            case MarkerShape.Circle:
                FillCircle(x, y, r, color);
                break;
            case MarkerShape.Square:
                r *= 0.9;
                p[0] = new(x - r, y - r);
                p[1] = new(x + r, y - r);
                p[2] = new(x + r, y + r);
                p[3] = new(x - r, y + r);
                FillConvexPolygon(p, color);
                break;
            case MarkerShape.Diamond:
                r *= 1.2;
                p[0] = new(x, y - r);
                p[1] = new(x + r, y);
                p[2] = new(x, y + r);
                p[3] = new(x - r, y);
                FillConvexPolygon(p, color);
                break;
            case MarkerShape.TriangleUp:
            case MarkerShape.TriangleDown:
                double s = shape == MarkerShape.TriangleUp ? 1 : -1;
                r *= 1.2;
                p[0] = new(x, y - (s * r));
                p[1] = new(x + (r * 0.866), y + (s * r * 0.5));
                p[2] = new(x - (r * 0.866), y + (s * r * 0.5));
                FillConvexPolygon(p[..3], color);
                break;
            case MarkerShape.Cross:
                DrawLine(x - r, y - r, x + r, y + r, color, Math.Max(1, size / 4));
                DrawLine(x - r, y + r, x + r, y - r, color, Math.Max(1, size / 4));
                break;
            case MarkerShape.Plus:
                DrawLine(x - r, y, x + r, y, color, Math.Max(1, size / 4));
                DrawLine(x, y - r, x, y + r, color, Math.Max(1, size / 4));
                break;
        }
    }

    /// <summary>
    /// Draws <paramref name="text"/> with the built-in <see cref="BitmapFont"/> at integer <paramref name="scale"/>;
    /// (x, y) is the top-left corner of the text's bounding box. Vertical text is rotated 90° counter-clockwise
    /// (it reads bottom to top) and its box is <see cref="BitmapFont.CellHeight"/>·scale wide.
    /// </summary>
    public void DrawText(string text, double x, double y, Rgba32 color, int scale = 1, bool vertical = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        int ox = (int)Math.Round(x), oy = (int)Math.Round(y);
        int textWidth = BitmapFont.Measure(text, scale).Width;
        for (int i = 0; i < text.Length; i++)
        {
            ulong bits = BitmapFont.GetGlyph(text[i]);
            int u0 = i * BitmapFont.Advance * scale;
            for (int row = 0; row < BitmapFont.CellHeight; row++)
            {
                for (int col = 0; col < BitmapFont.CellWidth; col++)
                {
                    if ((bits & (1UL << ((row * BitmapFont.CellWidth) + col))) == 0)
                    {
                        continue;
                    }

                    int u = u0 + (col * scale), v = row * scale;
                    if (vertical)
                    {
                        FillRect(ox + v, oy + textWidth - u - scale, scale, scale, color);
                    }
                    else
                    {
                        FillRect(ox + u, oy + v, scale, scale, color);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Draws a <paramref name="sourceWidth"/> × <paramref name="sourceHeight"/> image into the destination rectangle
    /// with nearest-neighbour sampling, blending by the source alpha.
    /// </summary>
    /// <exception cref="ArgumentException">The source size does not match the pixel count.</exception>
    public void DrawImage(ReadOnlySpan<Rgba32> source, int sourceWidth, int sourceHeight, double x, double y, double width, double height)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0 || source.Length != (long)sourceWidth * sourceHeight)
        {
            throw new ArgumentException($"Image of {sourceWidth}×{sourceHeight} needs {(long)sourceWidth * sourceHeight} pixels, got {source.Length}.", nameof(source));
        }

        int dx0 = RoundEdge(x), dy0 = RoundEdge(y), dx1 = RoundEdge(x + width), dy1 = RoundEdge(y + height);
        int dw = dx1 - dx0, dh = dy1 - dy0;
        if (dw <= 0 || dh <= 0)
        {
            return;
        }

        for (int py = Math.Max(dy0, _clipY0); py < Math.Min(dy1, _clipY1); py++)
        {
            int sy = (int)((((long)(py - dy0) * 2) + 1) * sourceHeight / (2L * dh));
            ReadOnlySpan<Rgba32> srcRow = source.Slice(sy * sourceWidth, sourceWidth);
            int rowOffset = py * Width;
            for (int px = Math.Max(dx0, _clipX0); px < Math.Min(dx1, _clipX1); px++)
            {
                int sx = (int)((((long)(px - dx0) * 2) + 1) * sourceWidth / (2L * dw));
                Rgba32 c = srcRow[sx];
                if (c.A == 255)
                {
                    _pixels[rowOffset + px] = c;
                }
                else
                {
                    Blend(ref _pixels[rowOffset + px], c, 1f);
                }
            }
        }
    }

    /// <summary>Encodes the canvas as an RGBA PNG.</summary>
    public byte[] ToPng() => PngEncoder.Encode(_pixels, Width, Height);

    /// <summary>Writes the canvas as an RGBA PNG, atomically.</summary>
    public void SavePng(string path) => PngWriter.Write(path, this);

    private void Ring(double cx, double cy, double radius, double halfWidth, Rgba32 color, bool filled)
    {
        if (!(radius > 0) || !double.IsFinite(cx + cy + radius))
        {
            return;
        }

        double reach = radius + halfWidth + 1;
        int x0 = Math.Max(_clipX0, (int)Math.Floor(cx - reach)), x1 = Math.Min(_clipX1 - 1, (int)Math.Ceiling(cx + reach));
        int y0 = Math.Max(_clipY0, (int)Math.Floor(cy - reach)), y1 = Math.Min(_clipY1 - 1, (int)Math.Ceiling(cy + reach));
        for (int py = y0; py <= y1; py++)
        {
            double ddy = py + 0.5 - cy;
            for (int px = x0; px <= x1; px++)
            {
                double ddx = px + 0.5 - cx;
                double d = Math.Sqrt((ddx * ddx) + (ddy * ddy));
                double coverage = filled ? radius + 0.5 - d : halfWidth + 0.5 - Math.Abs(d - radius);
                if (coverage > 0)
                {
                    Blend(ref _pixels[(py * Width) + px], color, (float)Math.Min(coverage, 1));
                }
            }
        }
    }

    private static void Blend(ref Rgba32 dst, Rgba32 src, float coverage)
    {
        float sa = src.A * coverage * (1f / 255f);
        if (sa <= 0)
        {
            return;
        }

        if (sa >= 1f)
        {
            dst = src;
            return;
        }

        float da = dst.A * (1f / 255f) * (1f - sa);
        float outA = sa + da;
        float inv = 1f / outA;
        dst = new Rgba32(
            (byte)(((src.R * sa) + (dst.R * da)) * inv + 0.5f),
            (byte)(((src.G * sa) + (dst.G * da)) * inv + 0.5f),
            (byte)(((src.B * sa) + (dst.B * da)) * inv + 0.5f),
            (byte)((outA * 255f) + 0.5f));
    }

    private static int RoundEdge(double v) => (int)Math.Floor(v + 0.5);

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}×{Height} canvas.");
        }

        return (y * Width) + x;
    }
}
