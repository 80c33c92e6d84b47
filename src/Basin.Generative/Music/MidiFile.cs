using System.Buffers.Binary;

namespace Basin.Generative.Music;

/// <summary>One note: start and length in ticks, MIDI key 0…127, velocity 1…127, channel 0…15.</summary>
public readonly record struct MidiNote(long Start, long Length, int Key, int Velocity, int Channel = 0);

/// <summary>A song as a Standard MIDI File holds it: format 0 or 1, ticks per quarter note, tempo, notes.</summary>
/// <param name="Format">0: one track; 1: a tempo track and a note track.</param>
/// <param name="TicksPerQuarter">Division (PPQN).</param>
/// <param name="MicrosecondsPerQuarter">Tempo (500 000 = 120 bpm).</param>
/// <param name="Notes">Notes in start order.</param>
public sealed record MidiSong(int Format, int TicksPerQuarter, int MicrosecondsPerQuarter, IReadOnlyList<MidiNote> Notes)
{
    /// <summary>Tempo in beats per minute.</summary>
    public double Bpm => 60e6 / MicrosecondsPerQuarter;
}

/// <summary>
/// Standard MIDI File 1.0 (MIDI Manufacturers Association, 1996): <c>MThd</c> (format, tracks, division) and
/// <c>MTrk</c> chunks of delta-timed events, deltas as variable-length quantities (7 bits per byte, high bit =
/// more). Writes note-on/note-off pairs, a tempo meta event (FF 51 03 tttttt), a 4/4 time signature (FF 58) and
/// end-of-track (FF 2F 00); reads the same back, with running status.
/// </summary>
public static class MidiFile
{
    /// <summary>Encodes <paramref name="song"/> as format 0 or 1.</summary>
    public static byte[] Encode(MidiSong song)
    {
        if (song.Format is not (0 or 1)) throw new ArgumentException("MIDI format must be 0 or 1.");
        if (song.TicksPerQuarter is < 1 or > 0x7FFF) throw new ArgumentException("Ticks per quarter must be within 1…32767.");
        foreach (var n in song.Notes)
            if (n.Key is < 0 or > 127 || n.Velocity is < 1 or > 127 || n.Channel is < 0 or > 15 || n.Start < 0 || n.Length < 1)
                throw new ArgumentException($"Invalid MIDI note {n}.");
        var meta = new List<(long Tick, int Order, byte[] Bytes)>
        {
            (0, 0, [0xFF, 0x51, 0x03, (byte)(song.MicrosecondsPerQuarter >> 16), (byte)(song.MicrosecondsPerQuarter >> 8), (byte)song.MicrosecondsPerQuarter]),
            (0, 0, [0xFF, 0x58, 0x04, 4, 2, 24, 8]),
        };
        var notes = new List<(long Tick, int Order, byte[] Bytes)>();
        foreach (var n in song.Notes)
        {
            notes.Add((n.Start + n.Length, 0, [(byte)(0x80 | n.Channel), (byte)n.Key, 0]));
            notes.Add((n.Start, 1, [(byte)(0x90 | n.Channel), (byte)n.Key, (byte)n.Velocity]));
        }
        using var ms = new MemoryStream();
        var header = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)song.Format);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(song.Format == 0 ? 1 : 2));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)song.TicksPerQuarter);
        Chunk(ms, "MThd", header);
        if (song.Format == 0) Chunk(ms, "MTrk", Track([.. meta, .. notes]));
        else
        {
            Chunk(ms, "MTrk", Track(meta));
            Chunk(ms, "MTrk", Track(notes));
        }
        return ms.ToArray();
    }

    /// <summary>Decodes a format 0 or 1 file: tempo (first FF 51, default 120 bpm) and notes paired on/off per channel and key.</summary>
    /// <exception cref="InvalidDataException">Not a MIDI file, or a malformed chunk or event.</exception>
    public static MidiSong Decode(ReadOnlySpan<byte> file)
    {
        if (file.Length < 14 || !file[..4].SequenceEqual("MThd"u8) || BinaryPrimitives.ReadInt32BigEndian(file[4..]) != 6)
            throw new InvalidDataException("not a Standard MIDI File (no MThd header)");
        int format = BinaryPrimitives.ReadUInt16BigEndian(file[8..]), tracks = BinaryPrimitives.ReadUInt16BigEndian(file[10..]);
        int division = BinaryPrimitives.ReadUInt16BigEndian(file[12..]);
        if ((division & 0x8000) != 0) throw new InvalidDataException("SMPTE time division is not supported");
        int tempo = 500_000;
        bool tempoSeen = false;
        var notes = new List<MidiNote>();
        int at = 14;
        for (int t = 0; t < tracks; t++)
        {
            if (at + 8 > file.Length || !file.Slice(at, 4).SequenceEqual("MTrk"u8)) throw new InvalidDataException($"missing MTrk chunk {t}");
            int len = BinaryPrimitives.ReadInt32BigEndian(file[(at + 4)..]);
            if (len < 0 || at + 8L + len > file.Length) throw new InvalidDataException("truncated MTrk chunk");
            var trk = file.Slice(at + 8, len);
            at += 8 + len;
            int p = 0, status = 0;
            long tick = 0;
            var open = new Dictionary<(int, int), (long, int)>();
            while (p < trk.Length)
            {
                tick += ReadVlq(trk, ref p);
                if (p >= trk.Length) throw new InvalidDataException("event without data");
                if (trk[p] >= 0x80) status = trk[p++];
                else if (status == 0) throw new InvalidDataException("running status without a status byte");
                if (status == 0xFF)
                {
                    int type = trk[p++];
                    int mlen = (int)ReadVlq(trk, ref p);
                    if (p + mlen > trk.Length) throw new InvalidDataException("truncated meta event");
                    if (type == 0x51 && mlen == 3 && !tempoSeen) { tempo = trk[p] << 16 | trk[p + 1] << 8 | trk[p + 2]; tempoSeen = true; }
                    p += mlen;
                    if (type == 0x2F) break;
                    continue;
                }
                if (status is 0xF0 or 0xF7) { int slen = (int)ReadVlq(trk, ref p); p += slen; continue; }
                int kind = status & 0xF0, ch = status & 0x0F;
                int dataBytes = kind is 0xC0 or 0xD0 ? 1 : 2;
                if (p + dataBytes > trk.Length) throw new InvalidDataException("truncated channel event");
                int d1 = trk[p], d2 = dataBytes == 2 ? trk[p + 1] : 0;
                p += dataBytes;
                if (kind == 0x90 && d2 > 0) open[(ch, d1)] = (tick, d2);
                else if (kind == 0x80 || (kind == 0x90 && d2 == 0))
                    if (open.Remove((ch, d1), out var on)) notes.Add(new MidiNote(on.Item1, tick - on.Item1, d1, on.Item2, ch));
            }
        }
        return new MidiSong(format, division, tempo, [.. notes.OrderBy(n => n.Start).ThenBy(n => n.Key)]);
    }

    private static byte[] Track(List<(long Tick, int Order, byte[] Bytes)> events)
    {
        using var ms = new MemoryStream();
        long last = 0;
        foreach (var e in events.OrderBy(e => e.Tick).ThenBy(e => e.Order))
        {
            WriteVlq(ms, e.Tick - last);
            last = e.Tick;
            ms.Write(e.Bytes);
        }
        WriteVlq(ms, 0);
        ms.Write([0xFF, 0x2F, 0x00]);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        s.Write(System.Text.Encoding.ASCII.GetBytes(type));
        Span<byte> w = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(w, data.Length);
        s.Write(w);
        s.Write(data);
    }

    /// <summary>Writes a variable-length quantity (0 … 0x0FFFFFFF).</summary>
    public static void WriteVlq(Stream s, long value)
    {
        if (value is < 0 or > 0x0FFFFFFF) throw new ArgumentOutOfRangeException(nameof(value), "MIDI delta out of range.");
        Span<byte> buf = stackalloc byte[4];
        int n = 0;
        do { buf[n++] = (byte)(value & 0x7F); value >>= 7; } while (value > 0);
        for (int i = n - 1; i >= 0; i--) s.WriteByte((byte)(buf[i] | (i > 0 ? 0x80 : 0)));
    }

    private static long ReadVlq(ReadOnlySpan<byte> d, ref int p)
    {
        long v = 0;
        for (int i = 0; i < 4; i++)
        {
            if (p >= d.Length) throw new InvalidDataException("truncated variable-length quantity");
            byte b = d[p++];
            v = v << 7 | (uint)(b & 0x7F);
            if ((b & 0x80) == 0) return v;
        }
        throw new InvalidDataException("variable-length quantity longer than 4 bytes");
    }
}
