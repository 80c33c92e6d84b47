using Basin.Crypto.Keys;

namespace Basin.Crypto.Evaluation;

/// <summary>Raw keystream of Basin's cipher (counter mode, nonce 0) for external test batteries such as dieharder.</summary>
public static class Keystream
{
    /// <summary>
    /// Atomically writes <paramref name="bytes"/> keystream bytes of <paramref name="key"/> to <paramref name="path"/>: the
    /// blocks E_K(nonce ‖ counter) for counter = 0, 1, … (16 bytes each), in 1 MiB chunks.
    /// </summary>
    public static void WriteFile(CipherKey key, string path, long bytes)
    {
        if (bytes <= 0) throw new ArgumentException("The keystream length must be positive.", nameof(bytes));
        var f = new BasinBlockFunction(key, new byte[16]);
        Basin.Tensors.IO.AtomicFile.Write(path, s =>
        {
            var buf = new byte[1 << 20];
            for (long done = 0; done < bytes; done += buf.Length)
            {
                int n = (int)Math.Min(buf.Length, bytes - done);
                f.Keystream(buf.AsSpan(0, n), (ulong)(done / 16));
                s.Write(buf, 0, n);
            }
        });
    }
}
