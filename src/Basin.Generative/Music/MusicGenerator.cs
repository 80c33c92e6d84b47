namespace Basin.Generative.Music;

/// <summary>What <see cref="MusicGenerator"/> makes.</summary>
/// <param name="Seed">Seed of the network.</param>
/// <param name="Bars">Bars of 4/4 (8 eighth-note steps each).</param>
/// <param name="Bpm">Tempo.</param>
/// <param name="Scale">One of <see cref="MusicGenerator.Scales"/>.</param>
/// <param name="Root">MIDI key of the scale's root (60 = middle C).</param>
/// <param name="Level">Low (motif-like) or high entropy.</param>
/// <param name="Steps">Data-free training steps.</param>
public sealed record MusicOptions(ulong Seed, int Bars = 8, double Bpm = 110, string Scale = "major", int Root = 60, EntropyLevel Level = EntropyLevel.Low, int Steps = 100)
{
    /// <summary>Checks the fields.</summary>
    public MusicOptions Validate()
    {
        if (Bars < 1 || Bars > 256) throw new ArgumentException("--bars must be within 1…256.");
        if (!(Bpm >= 20 && Bpm <= 400)) throw new ArgumentException("--tempo must be within 20…400 bpm.");
        if (!MusicGenerator.Scales.ContainsKey(Scale)) throw new ArgumentException($"Unknown scale '{Scale}'; choose {string.Join(", ", MusicGenerator.Scales.Keys)}.");
        if (Root < 24 || Root > 96) throw new ArgumentException("--root must be a MIDI key within 24…96.");
        if (Steps < 0 || Steps > 100_000) throw new ArgumentException("--steps must be within 0…100000.");
        return this;
    }
}

/// <summary>A generated piece and its measured entropy.</summary>
/// <param name="Song">The notes (format 1, 480 ticks per quarter).</param>
/// <param name="PitchClassEntropy">Shannon entropy of the notes' pitch classes (key mod 12), bits (≤ log₂ 12 ≈ 3.58).</param>
/// <param name="IntervalEntropy">Shannon entropy of successive intervals in semitones, bits.</param>
/// <param name="DistinctKeys">Distinct MIDI keys used.</param>
/// <param name="BarRepetition">Share of bars whose pitch sequence equals an earlier bar's (motif repetition).</param>
public sealed record MusicResult(MidiSong Song, double PitchClassEntropy, double IntervalEntropy, int DistinctKeys, double BarRepetition);

/// <summary>
/// Procedural music (white paper §F.2) from a data-free rich CPPN. Step s (an eighth note) of bar b is the input
/// (u, v) = (α(2b/B − 1), 2·s/8 − 1): v runs through the bar, u drifts across the piece; α = 0.15 at low entropy (bars
/// nearly repeat: a motif with variations), 1 at high. The three outputs, each turned into ranks over the piece
/// (uniform in [0, 1)), give the scale degree (5 degrees at low entropy, 14 at high), hold/rest (top quarter ties the
/// note on, bottom 10 % is a rest) and velocity 60…110.
/// </summary>
public static class MusicGenerator
{
    /// <summary>Scales as semitone steps from the root.</summary>
    public static IReadOnlyDictionary<string, int[]> Scales { get; } = new Dictionary<string, int[]>
    {
        ["major"] = [0, 2, 4, 5, 7, 9, 11], ["minor"] = [0, 2, 3, 5, 7, 8, 10], ["dorian"] = [0, 2, 3, 5, 7, 9, 10],
        ["pentatonic"] = [0, 2, 4, 7, 9], ["blues"] = [0, 3, 5, 6, 7, 10],
    };

    /// <summary>Ticks per quarter note of generated songs.</summary>
    public const int Ppq = 480;

    /// <summary>Trains the network and writes the notes.</summary>
    public static MusicResult Generate(MusicOptions o)
    {
        o.Validate();
        var net = GenerativeField.Train(o.Seed, o.Level, o.Steps);
        const int perBar = 8;
        int n = o.Bars * perBar;
        double alpha = o.Level == EntropyLevel.Low ? 0.15 : 1.0;
        var pts = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            pts[2 * i] = alpha * (2.0 * (i / perBar) / Math.Max(1, o.Bars - 1) - 1);
            pts[2 * i + 1] = 2.0 * (i % perBar) / perBar - 1;
        }
        var f = GenerativeField.Sample(net, pts);
        var pitch = Ranks(f, 0, n);
        var hold = Ranks(f, 1, n);
        var vel = Ranks(f, 2, n);
        var scale = Scales[o.Scale];
        int degrees = o.Level == EntropyLevel.Low ? 5 : 14;
        var notes = new List<MidiNote>();
        const int step = Ppq / 2;
        for (int i = 0; i < n; i++)
        {
            bool rest = hold[i] < 0.1, tie = hold[i] >= 0.75 && notes.Count > 0 && notes[^1].Start + notes[^1].Length == (long)i * step && i % perBar != 0;
            if (rest) continue;
            if (tie) { notes[^1] = notes[^1] with { Length = notes[^1].Length + step }; continue; }
            int d = Math.Min(degrees - 1, (int)(pitch[i] * degrees));
            int key = o.Root + 12 * (d / scale.Length) + scale[d % scale.Length];
            notes.Add(new MidiNote((long)i * step, step, Math.Clamp(key, 0, 127), 60 + (int)(50 * vel[i])));
        }
        var song = new MidiSong(1, Ppq, (int)Math.Round(60e6 / o.Bpm), notes);
        return Measure(song, o.Bars);
    }

    /// <summary>Pitch-class and interval entropy, distinct keys and bar repetition of <paramref name="song"/>.</summary>
    public static MusicResult Measure(MidiSong song, int bars)
    {
        var keys = song.Notes.Select(x => x.Key).ToList();
        double pc = Entropy(keys.Select(k => k % 12));
        double iv = Entropy(keys.Zip(keys.Skip(1), (a, b) => b - a));
        long barTicks = 4L * song.TicksPerQuarter;
        var seqs = Enumerable.Range(0, bars).Select(b => string.Join(",", song.Notes.Where(x => x.Start / barTicks == b).Select(x => $"{x.Key}@{x.Start % barTicks}"))).ToList();
        int repeats = seqs.Where((s, i) => s.Length > 0 && seqs.Take(i).Contains(s)).Count();
        return new MusicResult(song, pc, iv, keys.Distinct().Count(), bars > 1 ? (double)repeats / (bars - 1) : 0);
    }

    /// <summary>Shannon entropy in bits of the values' empirical distribution (0 for none).</summary>
    public static double Entropy<TV>(IEnumerable<TV> values) where TV : notnull
    {
        var counts = values.GroupBy(v => v).Select(g => (double)g.Count()).ToList();
        double total = counts.Sum();
        return total == 0 ? 0 : counts.Sum(c => -(c / total) * Math.Log2(c / total));
    }

    private static double[] Ranks(float[] f, int channel, int n)
    {
        var order = Enumerable.Range(0, n).OrderBy(i => f[3 * i + channel]).ThenBy(i => i).ToArray();
        var r = new double[n];
        for (int k = 0; k < n; k++) r[order[k]] = (double)k / n;
        return r;
    }
}
