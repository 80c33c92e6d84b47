namespace Basin.Generative.Music;

/// <summary>
/// Basin's small additive synthesiser: each note is f₀ = 440·2^{(key − 69)/12} Hz with harmonics 1, 2, 3 at amplitudes
/// 1, ½, ¼ (a soft organ-like tone), shaped by a linear ADSR envelope (attack 10 ms, decay 80 ms to sustain 0.6,
/// release 120 ms after the note ends), scaled by velocity/127; the mix is normalised to a peak of 0.8 so it never clips.
/// Pure arithmetic on the notes: the same notes give the same samples.
/// </summary>
public static class Synth
{
    /// <summary>Renders <paramref name="song"/> at <paramref name="sampleRate"/>.</summary>
    public static float[] Render(MidiSong song, int sampleRate = 22050)
    {
        double secPerTick = song.MicrosecondsPerQuarter / 1e6 / song.TicksPerQuarter;
        const double attack = 0.01, decay = 0.08, sustain = 0.6, release = 0.12;
        long end = song.Notes.Count == 0 ? 0 : song.Notes.Max(n => n.Start + n.Length);
        var mix = new double[(int)Math.Ceiling((end * secPerTick + release + 0.05) * sampleRate)];
        foreach (var n in song.Notes)
        {
            double f0 = 440 * Math.Pow(2, (n.Key - 69) / 12.0), t0 = n.Start * secPerTick, dur = n.Length * secPerTick, amp = n.Velocity / 127.0;
            int s0 = (int)Math.Round(t0 * sampleRate), count = (int)Math.Ceiling((dur + release) * sampleRate);
            for (int i = 0; i < count && s0 + i < mix.Length; i++)
            {
                double t = (double)i / sampleRate;
                double env = t < attack ? t / attack : t < attack + decay ? 1 - (1 - sustain) * (t - attack) / decay : sustain;
                if (t > dur) env *= Math.Max(0, 1 - (t - dur) / release);
                double w = 2 * Math.PI * f0 * t;
                mix[s0 + i] += amp * env * (Math.Sin(w) + 0.5 * Math.Sin(2 * w) + 0.25 * Math.Sin(3 * w));
            }
        }
        double peak = mix.Length == 0 ? 0 : mix.Max(Math.Abs);
        double g = peak > 0 ? 0.8 / peak : 0;
        return mix.Select(v => (float)(v * g)).ToArray();
    }
}
