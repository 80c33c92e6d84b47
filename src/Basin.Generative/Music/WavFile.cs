using System.Buffers.Binary;

namespace Basin.Generative.Music;

/// <summary>Mono 16-bit PCM audio read back from a WAV file, with its level figures.</summary>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Samples">Samples scaled to [−1, 1).</param>
public sealed record WavAudio(int SampleRate, float[] Samples)
{
    /// <summary>Root-mean-square level.</summary>
    public double Rms => Samples.Length == 0 ? 0 : Math.Sqrt(Samples.Sum(s => (double)s * s) / Samples.Length);

    /// <summary>Largest |sample|.</summary>
    public double Peak => Samples.Length == 0 ? 0 : Samples.Max(s => Math.Abs(s));

    /// <summary>Samples at the 16-bit limits (−32768 or 32767), the mark of clipping.</summary>
    public int Clipped => Samples.Count(s => s <= -1f || s >= 32767f / 32768f);

    /// <summary>Seconds.</summary>
    public double Duration => (double)Samples.Length / SampleRate;
}

/// <summary>
/// RIFF/WAVE (Microsoft Multimedia Programming Interface 1.0, 1991): "RIFF" size "WAVE", a 16-byte "fmt " chunk
/// (format 1 = PCM, channels, rate, byte rate, block align, bits), and a "data" chunk of little-endian samples.
/// Mono 16-bit only.
/// </summary>
public static class WavFile
{
    /// <summary>Encodes samples in [−1, 1] (clamped, rounded) as mono 16-bit PCM.</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate)
    {
        if (sampleRate is < 1000 or > 384_000) throw new ArgumentException("Sample rate must be within 1000…384000 Hz.");
        var b = new byte[44 + 2 * samples.Length];
        "RIFF"u8.CopyTo(b);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), 36 + 2 * samples.Length);
        "WAVEfmt "u8.CopyTo(b.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(28), 2 * sampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(34), 16);
        "data"u8.CopyTo(b.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(40), 2 * samples.Length);
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(44 + 2 * i), (short)Math.Clamp(Math.Round(samples[i] * 32767.0), -32768, 32767));
        return b;
    }

    /// <summary>Decodes mono 16-bit PCM, walking the chunks (unknown chunks skipped).</summary>
    /// <exception cref="InvalidDataException">Not RIFF/WAVE, not mono 16-bit PCM, or truncated.</exception>
    public static WavAudio Decode(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8)) throw new InvalidDataException("not a RIFF/WAVE file");
        if (BinaryPrimitives.ReadInt32LittleEndian(file[4..]) != file.Length - 8) throw new InvalidDataException("RIFF size does not match the file");
        int at = 12, rate = 0;
        bool fmt = false;
        while (at + 8 <= file.Length)
        {
            var id = file.Slice(at, 4);
            int len = BinaryPrimitives.ReadInt32LittleEndian(file[(at + 4)..]);
            if (len < 0 || at + 8L + len > file.Length) throw new InvalidDataException("truncated WAV chunk");
            var d = file.Slice(at + 8, len);
            if (id.SequenceEqual("fmt "u8))
            {
                if (len < 16 || BinaryPrimitives.ReadInt16LittleEndian(d) != 1 || BinaryPrimitives.ReadInt16LittleEndian(d[2..]) != 1 || BinaryPrimitives.ReadInt16LittleEndian(d[14..]) != 16)
                    throw new InvalidDataException("only mono 16-bit PCM WAV is supported");
                rate = BinaryPrimitives.ReadInt32LittleEndian(d[4..]);
                if (BinaryPrimitives.ReadInt32LittleEndian(d[8..]) != 2 * rate || BinaryPrimitives.ReadInt16LittleEndian(d[12..]) != 2) throw new InvalidDataException("inconsistent WAV byte rate or block align");
                fmt = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!fmt) throw new InvalidDataException("WAV data before fmt");
                var s = new float[len / 2];
                for (int i = 0; i < s.Length; i++) s[i] = BinaryPrimitives.ReadInt16LittleEndian(d[(2 * i)..]) / 32768f;
                return new WavAudio(rate, s);
            }
            at += 8 + len + (len & 1);
        }
        throw new InvalidDataException("WAV file without a data chunk");
    }
}
