namespace Basin.Generative.Levels;

/// <summary>Breadth-first search on a tile map (4-neighbour moves through passable tiles).</summary>
public static class PathCheck
{
    /// <summary>
    /// A shortest path from <paramref name="start"/> to <paramref name="goal"/> as tile indices (start and goal
    /// included), or null when none exists. BFS visits every reachable tile once: O(width·height).
    /// </summary>
    public static IReadOnlyList<int>? ShortestPath(int width, int height, Func<int, bool> passable, int start, int goal)
    {
        if (!passable(start) || !passable(goal)) return null;
        var prev = new int[width * height];
        Array.Fill(prev, -2);
        var queue = new Queue<int>();
        prev[start] = -1;
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            int c = queue.Dequeue();
            if (c == goal) break;
            int x = c % width, y = c / width;
            foreach (var (nx, ny) in new[] { (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1) })
            {
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                int j = ny * width + nx;
                if (prev[j] != -2 || !passable(j)) continue;
                prev[j] = c;
                queue.Enqueue(j);
            }
        }
        if (prev[goal] == -2) return null;
        var path = new List<int>();
        for (int c = goal; c != -1; c = prev[c]) path.Add(c);
        path.Reverse();
        return path;
    }

    /// <summary>
    /// The path from start to goal that crosses the fewest blocked tiles (0-1 BFS: a move into a blocked tile costs 1,
    /// into a free one 0); the tiles to clear so that a path exists. Tiles on the outer border are never used.
    /// </summary>
    public static IReadOnlyList<int> CheapestCarve(int width, int height, Func<int, bool> passable, int start, int goal)
    {
        var dist = new int[width * height];
        var prev = new int[width * height];
        Array.Fill(dist, int.MaxValue);
        var dq = new LinkedList<int>();
        dist[start] = 0;
        prev[start] = -1;
        dq.AddFirst(start);
        while (dq.Count > 0)
        {
            int c = dq.First!.Value;
            dq.RemoveFirst();
            int x = c % width, y = c / width;
            foreach (var (nx, ny) in new[] { (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1) })
            {
                if (nx < 1 || ny < 1 || nx >= width - 1 || ny >= height - 1) continue;
                int j = ny * width + nx, w = passable(j) ? 0 : 1;
                if (dist[c] + w >= dist[j]) continue;
                dist[j] = dist[c] + w;
                prev[j] = c;
                if (w == 0) dq.AddFirst(j); else dq.AddLast(j);
            }
        }
        var carve = new List<int>();
        for (int c = goal; c != -1; c = prev[c]) if (!passable(c)) carve.Add(c);
        return carve;
    }
}
