using System.CommandLine;
using Basin.Generative.Music;

namespace Basin.Cli.Commands.Generate;

/// <summary><c>basin generate music</c>: a short piece as a Standard MIDI File and a WAV from Basin's synthesiser.</summary>
public static class GenerateMusicCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var seed = CommonOptions.Seed(1, "Seed (same seed → byte-identical files).");
        var bars = new Option<int>("--bars") { Description = "Bars of 4/4 (eighth-note steps).", DefaultValueFactory = _ => 8 };
        var tempo = new Option<double>("--tempo") { Description = "Beats per minute.", DefaultValueFactory = _ => 110 };
        var scale = new Option<string>("--scale") { Description = "Scale.", DefaultValueFactory = _ => "major" };
        scale.AcceptOnlyFromAmong([.. MusicGenerator.Scales.Keys]);
        var root = new Option<int>("--root") { Description = "MIDI key of the root (60 = middle C).", DefaultValueFactory = _ => 60 };
        var rate = new Option<int>("--sample-rate") { Description = "WAV sample rate, Hz.", DefaultValueFactory = _ => 22050 };
        var entropy = GenerateCommands.Entropy();
        var steps = GenerateCommands.Steps();
        var output = CommonOptions.OutOptional("NAME.mid; the audio goes beside it as NAME.wav.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("music", "A motif or short piece from a data-free CPPN: Standard MIDI File + WAV (Basin's additive synth), entropy measured.")
            { seed, bars, tempo, scale, root, rate, entropy, steps, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var o = new MusicOptions(p.GetValue(seed), p.GetValue(bars), p.GetValue(tempo), p.GetValue(scale)!, p.GetValue(root), GenerateCommands.Level(p, entropy), p.GetValue(steps)).Validate();
            var m = MusicGenerator.Generate(o);
            string prefix = GenerateCommands.Prefix(p.GetValue(output)!);
            Basin.Tensors.IO.AtomicFile.WriteAllBytes(prefix + ".mid", MidiFile.Encode(m.Song));
            var wav = WavFile.Encode(Synth.Render(m.Song, p.GetValue(rate)), p.GetValue(rate));
            Basin.Tensors.IO.AtomicFile.WriteAllBytes(prefix + ".wav", wav);
            var audio = WavFile.Decode(wav);
            if (p.GetValue(json))
                JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject
                {
                    ["midi"] = prefix + ".mid", ["wav"] = prefix + ".wav", ["seed"] = o.Seed, ["entropy"] = o.Level.ToString().ToLowerInvariant(),
                    ["notes"] = m.Song.Notes.Count, ["seconds"] = audio.Duration, ["rms"] = audio.Rms, ["pitch_class_entropy_bits"] = m.PitchClassEntropy,
                    ["interval_entropy_bits"] = m.IntervalEntropy, ["distinct_keys"] = m.DistinctKeys, ["bar_repetition"] = m.BarRepetition,
                });
            else
                Console.WriteLine(FormattableString.Invariant($"{prefix}.mid, {prefix}.wav: {m.Song.Notes.Count} notes, {audio.Duration:F1} s, RMS {audio.Rms:F3}; pitch-class entropy {m.PitchClassEntropy:F2} bits, interval entropy {m.IntervalEntropy:F2} bits, {m.DistinctKeys} keys, bars repeated {m.BarRepetition:P0}"));
            return 0;
        });
        return cmd;
    }
}
