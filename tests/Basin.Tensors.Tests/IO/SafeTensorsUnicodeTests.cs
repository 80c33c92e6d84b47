using System.Buffers.Binary;
using System.Text;
using Basin.Tensors.IO;

namespace Basin.Tensors.Tests.IO;

/// <summary>Fuzzing regression (issue 28): an escaped lone surrogate (\uDDDD) is valid JSON but no string; it threw InvalidOperationException.</summary>
public sealed class SafeTensorsUnicodeTests
{
    private static byte[] File(string header)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var b = new byte[8 + json.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)json.Length);
        json.CopyTo(b, 8);
        return b;
    }

    [Theory]
    [InlineData("""{"__metadata__":{"format":"\uDDDD"}}""")]
    [InlineData("""{"\uDDDD":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""")]
    public void ALoneSurrogate_InANameOrMetadataValue_IsInvalidData(string header)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(File(header)));
        Assert.Contains("not valid Unicode", e.Message);
    }
}
