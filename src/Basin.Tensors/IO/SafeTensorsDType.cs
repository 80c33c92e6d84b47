namespace Basin.Tensors.IO;

/// <summary>Element types of the safetensors format that Basin reads. F32 and F64 are also written.</summary>
public enum SafeTensorsDType
{
    /// <summary>IEEE binary16, read as float.</summary>
    F16,
    /// <summary>bfloat16 (upper half of a binary32), read as float.</summary>
    BF16,
    /// <summary>IEEE binary32.</summary>
    F32,
    /// <summary>IEEE binary64.</summary>
    F64,
    /// <summary>Signed 8-bit integer, read as double.</summary>
    I8,
    /// <summary>Signed 16-bit integer, read as double.</summary>
    I16,
    /// <summary>Signed 32-bit integer, read as double.</summary>
    I32,
    /// <summary>Signed 64-bit integer, read as double (exact up to 2⁵³).</summary>
    I64,
    /// <summary>Unsigned 8-bit integer, read as double.</summary>
    U8,
    /// <summary>Unsigned 16-bit integer, read as double.</summary>
    U16,
    /// <summary>Unsigned 32-bit integer, read as double.</summary>
    U32,
    /// <summary>Unsigned 64-bit integer, read as double (exact up to 2⁵³).</summary>
    U64,
    /// <summary>Boolean byte (0 or 1), read as double.</summary>
    Bool,
}

internal static class SafeTensorsDTypes
{
    public static bool TryParse(string s, out SafeTensorsDType t)
    {
        switch (s)
        {
            case "F16": t = SafeTensorsDType.F16; return true;
            case "BF16": t = SafeTensorsDType.BF16; return true;
            case "F32": t = SafeTensorsDType.F32; return true;
            case "F64": t = SafeTensorsDType.F64; return true;
            case "I8": t = SafeTensorsDType.I8; return true;
            case "I16": t = SafeTensorsDType.I16; return true;
            case "I32": t = SafeTensorsDType.I32; return true;
            case "I64": t = SafeTensorsDType.I64; return true;
            case "U8": t = SafeTensorsDType.U8; return true;
            case "U16": t = SafeTensorsDType.U16; return true;
            case "U32": t = SafeTensorsDType.U32; return true;
            case "U64": t = SafeTensorsDType.U64; return true;
            case "BOOL": t = SafeTensorsDType.Bool; return true;
            default: t = default; return false;
        }
    }

    public static string Name(SafeTensorsDType t) => t == SafeTensorsDType.Bool ? "BOOL" : t.ToString();

    public static int Size(SafeTensorsDType t) => t switch
    {
        SafeTensorsDType.I8 or SafeTensorsDType.U8 or SafeTensorsDType.Bool => 1,
        SafeTensorsDType.F16 or SafeTensorsDType.BF16 or SafeTensorsDType.I16 or SafeTensorsDType.U16 => 2,
        SafeTensorsDType.F32 or SafeTensorsDType.I32 or SafeTensorsDType.U32 => 4,
        _ => 8,
    };

    /// <summary>Whether the values are held as float (else as double) after loading.</summary>
    public static bool LoadsAsFloat(SafeTensorsDType t) => t is SafeTensorsDType.F16 or SafeTensorsDType.BF16 or SafeTensorsDType.F32;
}
