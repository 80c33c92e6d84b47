using System.Text.Json.Nodes;
using Basin.Plotting;

namespace Basin.Generative.Levels;

/// <summary>Tiles of a generated level.</summary>
public enum Tile : byte
{
    /// <summary>Open floor <c>.</c>.</summary>
    Floor,
    /// <summary>Wall <c>#</c>.</summary>
    Wall,
    /// <summary>Hazard <c>^</c> (not passable for the path check).</summary>
    Hazard,
    /// <summary>Coin <c>o</c>.</summary>
    Coin,
    /// <summary>Start <c>S</c>.</summary>
    Start,
    /// <summary>Exit <c>E</c>.</summary>
    Exit,
}

/// <summary>What <see cref="LevelGenerator"/> makes.</summary>
/// <param name="Seed">Seed of the network.</param>
/// <param name="Width">Tiles across (≥ 8).</param>
/// <param name="Height">Tiles down (≥ 6).</param>
/// <param name="Level">Low (structured) or high entropy.</param>
/// <param name="Steps">Data-free training steps.</param>
/// <param name="WallFraction">Share of interior tiles that become walls before the path is carved.</param>
public sealed record LevelOptions(ulong Seed, int Width = 40, int Height = 22, EntropyLevel Level = EntropyLevel.Low, int Steps = 100, double WallFraction = 0.4)
{
    /// <summary>Checks the fields.</summary>
    public LevelOptions Validate()
    {
        if (Width < 8 || Width > 1024 || Height < 6 || Height > 1024) throw new ArgumentException("--width must be within 8…1024 and --height within 6…1024.");
        if (!(WallFraction >= 0 && WallFraction <= 0.9)) throw new ArgumentException("--walls must be within 0…0.9.");
        if (Steps < 0 || Steps > 100_000) throw new ArgumentException("--steps must be within 0…100000.");
        return this;
    }
}

/// <summary>A level: its tiles, the path found by BFS, and its measured structure.</summary>
/// <param name="Width">Tiles across.</param>
/// <param name="Height">Tiles down.</param>
/// <param name="Tiles">Row-major tiles.</param>
/// <param name="Start">Index of the start tile.</param>
/// <param name="Exit">Index of the exit tile.</param>
/// <param name="Path">Shortest start → exit path found by BFS after generation (never null for a generated level).</param>
/// <param name="Carved">Tiles the generator had to clear so that a path exists (the fewest, by 0-1 BFS).</param>
/// <param name="TileEntropy">Shannon entropy of the interior tile types, bits.</param>
/// <param name="NeighbourAgreement">Share of horizontally or vertically adjacent interior pairs with the same tile (structure: high = large regions).</param>
public sealed record Level(int Width, int Height, Tile[] Tiles, int Start, int Exit, IReadOnlyList<int>? Path, int Carved, double TileEntropy, double NeighbourAgreement)
{
    /// <summary>The character of each tile in <see cref="Rows"/>.</summary>
    public static char Char(Tile t) => t switch { Tile.Floor => '.', Tile.Wall => '#', Tile.Hazard => '^', Tile.Coin => 'o', Tile.Start => 'S', _ => 'E' };

    /// <summary>Whether the path check may walk on a tile.</summary>
    public static bool Passable(Tile t) => t is not (Tile.Wall or Tile.Hazard);

    /// <summary>The map as strings, one per row.</summary>
    public IEnumerable<string> Rows => Enumerable.Range(0, Height).Select(y => new string(Tiles.AsSpan(y * Width, Width).ToArray().Select(Char).ToArray()));

    /// <summary>Runs the BFS check on the tiles as they are now.</summary>
    public IReadOnlyList<int>? CheckPath() => PathCheck.ShortestPath(Width, Height, i => Passable(Tiles[i]), Start, Exit);

    /// <summary>The level as JSON: size, legend, rows, start, exit, path check.</summary>
    public JsonObject ToJson(ulong seed, string entropy) => new()
    {
        ["seed"] = seed, ["entropy"] = entropy, ["width"] = Width, ["height"] = Height,
        ["legend"] = new JsonObject { ["."] = "floor", ["#"] = "wall", ["^"] = "hazard", ["o"] = "coin", ["S"] = "start", ["E"] = "exit" },
        ["rows"] = new JsonArray([.. Rows.Select(r => (JsonNode?)r)]),
        ["start"] = new JsonArray(Start % Width, Start / Width), ["exit"] = new JsonArray(Exit % Width, Exit / Width),
        ["path_found"] = Path != null, ["path_length"] = Path?.Count ?? 0, ["carved"] = Carved,
        ["tile_entropy_bits"] = TileEntropy, ["neighbour_agreement"] = NeighbourAgreement,
    };

    /// <summary>Pixels per tile in <see cref="Draw"/>.</summary>
    public const int TileSize = 12;

    /// <summary>
    /// The level drawn as (<see cref="Width"/> · <see cref="TileSize"/>) × (<see cref="Height"/> · <see cref="TileSize"/>) RGBA
    /// pixels, row-major: one flat colour per tile and the BFS path as dots of radius <see cref="TileSize"/>/5, anti-aliased
    /// by the pixel centre's distance to the dot's edge (coverage clamp(r − d + ½, 0, 1)).
    /// </summary>
    public Rgba32[] Draw()
    {
        const int t = TileSize;
        int w = Width * t;
        var px = new Rgba32[w * Height * t];
        for (int i = 0; i < Tiles.Length; i++)
        {
            var col = Tiles[i] switch
            {
                Tile.Floor => Rgba32.FromHex("#e8e4d8"), Tile.Wall => Rgba32.FromHex("#3b3b48"), Tile.Hazard => Rgba32.FromHex("#d2462d"),
                Tile.Coin => Rgba32.FromHex("#f2c230"), Tile.Start => Rgba32.FromHex("#2f9e44"), _ => Rgba32.FromHex("#1c7ed6"),
            };
            for (int y = i / Width * t; y < (i / Width + 1) * t; y++) px.AsSpan(y * w + i % Width * t, t).Fill(col);
        }
        var dot = Rgba32.FromHex("#7048e8");
        const double r = t / 5.0;
        foreach (int p in Path ?? [])
        {
            double cx = p % Width * t + t / 2.0, cy = p / Width * t + t / 2.0;
            for (int y = (int)(cy - r - 1); y <= (int)(cy + r + 1); y++)
                for (int x = (int)(cx - r - 1); x <= (int)(cx + r + 1); x++)
                {
                    double d = Math.Sqrt((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy));
                    double a = Math.Clamp(r - d + 0.5, 0, 1);
                    if (a > 0) px[y * w + x] = Rgba32.Lerp(px[y * w + x], dot, a);
                }
        }
        return px;
    }
}

/// <summary>
/// Procedural 2-D game levels (white paper §F.2) from a data-free rich CPPN sampled at the tile centres: output 0 above
/// its (1 − wall fraction) quantile is a wall, output 1 in its top 6 % of the remaining floor a hazard, output 2 in its
/// top 6 % a coin; the border is wall, the start is on the left edge and the exit on the right. A path is then
/// guaranteed: if BFS finds none, the fewest blocking tiles (0-1 BFS) are cleared, and BFS checks the result again.
/// </summary>
public static class LevelGenerator
{
    /// <summary>Trains the network and lays out the level.</summary>
    public static Level Generate(LevelOptions o)
    {
        o.Validate();
        var net = GenerativeField.Train(o.Seed, o.Level, o.Steps);
        int w = o.Width, h = o.Height;
        var pts = new double[w * h * 2];
        for (int i = 0; i < w * h; i++) { pts[2 * i] = 2.0 * (i % w + 0.5) / w - 1; pts[2 * i + 1] = 2.0 * (i / w + 0.5) / h - 1; }
        var f = GenerativeField.Sample(net, pts);
        var tiles = new Tile[w * h];
        bool Interior(int i) => i % w > 0 && i % w < w - 1 && i / w > 0 && i / w < h - 1;
        var interior = Enumerable.Range(0, w * h).Where(Interior).ToArray();
        double wallCut = Quantile(interior.Select(i => f[3 * i]), 1 - o.WallFraction);
        for (int i = 0; i < tiles.Length; i++) tiles[i] = !Interior(i) || f[3 * i] > wallCut ? Tile.Wall : Tile.Floor;
        var floor = interior.Where(i => tiles[i] == Tile.Floor).ToArray();
        if (floor.Length > 0)
        {
            double hazardCut = Quantile(floor.Select(i => f[3 * i + 1]), 0.94), coinCut = Quantile(floor.Select(i => f[3 * i + 2]), 0.94);
            foreach (int i in floor)
                tiles[i] = f[3 * i + 1] > hazardCut ? Tile.Hazard : f[3 * i + 2] > coinCut ? Tile.Coin : Tile.Floor;
        }
        int start = h / 2 * w + 1, exit = (h - 1 - h / 2) * w + w - 2;
        tiles[start] = Tile.Start;
        tiles[exit] = Tile.Exit;
        var carve = PathCheck.ShortestPath(w, h, i => Level.Passable(tiles[i]), start, exit) == null
            ? PathCheck.CheapestCarve(w, h, i => Level.Passable(tiles[i]), start, exit) : [];
        foreach (int i in carve) tiles[i] = Tile.Floor;
        var path = PathCheck.ShortestPath(w, h, i => Level.Passable(tiles[i]), start, exit);
        var (entropy, agree) = Structure(tiles, w, h);
        return new Level(w, h, tiles, start, exit, path, carve.Count, entropy, agree);
    }

    /// <summary>Tile entropy (bits) and neighbour agreement of the interior.</summary>
    public static (double Entropy, double Agreement) Structure(Tile[] tiles, int w, int h)
    {
        var counts = new double[6];
        int same = 0, pairs = 0, n = 0;
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                var t = tiles[y * w + x];
                counts[(int)t]++;
                n++;
                if (x + 1 < w - 1) { pairs++; if (tiles[y * w + x + 1] == t) same++; }
                if (y + 1 < h - 1) { pairs++; if (tiles[(y + 1) * w + x] == t) same++; }
            }
        double e = counts.Where(c => c > 0).Sum(c => -(c / n) * Math.Log2(c / n));
        return (e, (double)same / Math.Max(1, pairs));
    }

    private static double Quantile(IEnumerable<float> values, double q)
    {
        var s = values.OrderBy(v => v).ToArray();
        if (s.Length == 0) return double.PositiveInfinity;
        return s[Math.Clamp((int)Math.Floor(q * (s.Length - 1)), 0, s.Length - 1)];
    }
}
