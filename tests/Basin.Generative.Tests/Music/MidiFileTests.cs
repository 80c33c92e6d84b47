using Basin.Generative.Music;

namespace Basin.Generative.Tests.Music;

public class MidiFileTests
{
    private static readonly MidiSong Song = new(1, 480, 545_455, [new(0, 240, 60, 90), new(240, 720, 64, 70), new(960, 240, 67, 100, 2), new(960, 480, 48, 64)]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void NotesAndTempoRoundTrip(int format)
    {
        var s = Song with { Format = format };
        var bytes = MidiFile.Encode(s);
        Assert.Equal("MThd", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        var back = MidiFile.Decode(bytes);
        Assert.Equal((format, 480, 545_455), (back.Format, back.TicksPerQuarter, back.MicrosecondsPerQuarter));
        Assert.Equal(s.Notes.OrderBy(n => n.Start).ThenBy(n => n.Key), back.Notes);
        Assert.Equal(110, back.Bpm, 2);
    }

    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(0x7FL, new byte[] { 0x7F })]
    [InlineData(0x80L, new byte[] { 0x81, 0x00 })]
    [InlineData(0x3FFFL, new byte[] { 0xFF, 0x7F })]
    [InlineData(0x0FFFFFFFL, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void VariableLengthQuantitiesMatchTheSpecificationTable(long value, byte[] expected)
    {
        using var ms = new MemoryStream();
        MidiFile.WriteVlq(ms, value);
        Assert.Equal(expected, ms.ToArray());
    }

    [Fact]
    public void GarbageIsRejected() => Assert.Throws<InvalidDataException>(() => MidiFile.Decode("RIFF0000WAVEfmt "u8));
}
