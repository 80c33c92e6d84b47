namespace Basin.Data;

/// <summary>
/// Constants of the IDX format (LeCun, Cortes, Burges: "THE MNIST DATABASE of handwritten digits"):
/// a big-endian header of two zero bytes, a type code, the number of dimensions d, then d big-endian
/// 32-bit sizes, then the values row-major. Basin reads and writes only unsigned bytes (type 0x08).
/// </summary>
public static class IdxFormat
{
    /// <summary>Type code of unsigned-byte data.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Magic number of a label file: 0x00000801.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Magic number of an image file: 0x00000803.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The first two bytes of a gzip stream (RFC 1952).</summary>
    internal static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    internal static string TypeName(byte code) => code switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "short",
        0x0C => "int",
        0x0D => "float",
        0x0E => "double",
        _ => "unknown",
    };
}
