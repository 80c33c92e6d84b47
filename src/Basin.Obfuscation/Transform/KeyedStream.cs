using System.Security.Cryptography;

namespace Basin.Obfuscation.Transform;

/// <summary>Deterministic pseudo-random stream derived from a secret key with HMAC-SHA256 in counter mode.</summary>
public sealed class KeyedStream
{
    private readonly byte[] _key;
    private readonly byte[] _label;
    private ulong _counter;
    private byte[] _block = [];
    private int _pos;

    /// <summary>Creates a stream for a key and a domain-separation label.</summary>
    public KeyedStream(ReadOnlySpan<byte> key, string label)
    {
        _key = key.ToArray();
        _label = System.Text.Encoding.UTF8.GetBytes(label);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        if (_pos + 8 > _block.Length)
        {
            var msg = new byte[_label.Length + 8];
            _label.CopyTo(msg, 0);
            BitConverter.TryWriteBytes(msg.AsSpan(_label.Length), _counter++);
            _block = HMACSHA256.HashData(_key, msg);
            _pos = 0;
        }
        ulong v = BitConverter.ToUInt64(_block, _pos);
        _pos += 8;
        return v;
    }

    /// <summary>Uniform double in (0, 1).</summary>
    public double NextUniform() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Standard normal variate (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u = NextUniform(), v = NextUniform();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
