using System.Numerics.Tensors;
using Basin.Dfsa.Networks;
using Basin.Tensors.Blas;

namespace Basin.Dfsa.Art;

/// <summary>
/// Fast inference for the two art CPPNs: the same function as their <c>Forward</c> (features, then per layer
/// h ← act(h·W + b), sigmoid output), computed on plain float buffers — one engine GEMM (<see cref="Blas.Gemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>)
/// per layer and chunk of 8192 pixels, bias and activation applied in place with vectorised primitives, chunks in
/// parallel. Rendering through the autodiff graph allocates a tensor per operation and broadcasts the bias through
/// the generic strided path; this does neither. Each chunk is computed independently, so the output does not depend
/// on the thread count.
/// </summary>
public static class CppnRenderer
{
    private const int Chunk = 8192;

    /// <summary>Whether <paramref name="network"/> is one of the CPPNs this renderer knows.</summary>
    public static bool Supports(DfsaNetwork<float> network) => network is CppnNetwork<float> or RichCppnNetwork;

    /// <summary>The network's outputs at <paramref name="coords"/> (row-major u, v pairs), row-major [count, m].</summary>
    public static float[] Evaluate(DfsaNetwork<float> network, float[] coords)
    {
        if (!Supports(network)) throw new ArgumentException("CppnRenderer renders the classic and rich CPPNs only.");
        int n = coords.Length / 2, m = network.OutputDim;
        var p = network.NamedParameters().ToDictionary(x => x.Name, x => x.Parameter.Value.Contiguous().Span.ToArray());
        int layers = p.Keys.Count(k => k.EndsWith(".weight", StringComparison.Ordinal));
        var w = Enumerable.Range(0, layers).Select(i => p[$"layer{i}.weight"]).ToArray();
        var b = Enumerable.Range(0, layers).Select(i => p[$"layer{i}.bias"]).ToArray();
        var widths = new int[layers + 1];
        widths[layers] = m;
        for (int i = layers - 1; i >= 0; i--) widths[i] = w[i].Length / widths[i + 1];
        var rich = network as RichCppnNetwork;
        float[]? freq = rich?.Buffers()["freq"].Contiguous().Span.ToArray(), phase = rich?.Buffers()["phase"].Contiguous().Span.ToArray();
        var output = new float[n * m];
        int chunks = (n + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, c =>
        {
            int start = c * Chunk, rows = Math.Min(Chunk, n - start);
            var h = Features(coords.AsSpan(2 * start, 2 * rows), rows, widths[0], rich, freq, phase);
            for (int i = 0; i < layers; i++)
            {
                int k = widths[i], o = widths[i + 1];
                var z = new float[rows * o];
                Blas.Gemm(false, false, rows, o, k, 1f, h, k, w[i], o, 0f, z, o);
                for (int r = 0; r < rows; r++) TensorPrimitives.Add(z.AsSpan(r * o, o), b[i], z.AsSpan(r * o, o));
                if (i == layers - 1) TensorPrimitives.Sigmoid(z, z);
                else Activate(z, i, rich != null);
                h = z;
            }
            h.AsSpan().CopyTo(output.AsSpan(start * m, rows * m));
        });
        return output;
    }

    private static void Activate(float[] z, int layer, bool rich)
    {
        int kind = rich ? layer % 3 : layer % 2;
        if (kind == 0 && rich) TensorPrimitives.Sin(z, z);
        else if (kind == 0) TensorPrimitives.Tanh(z, z);
        else if (kind == 1) { TensorPrimitives.Multiply(z, z, z); TensorPrimitives.Negate(z, z); TensorPrimitives.Exp(z, z); }
        else TensorPrimitives.Tanh(z, z);
    }

    private static float[] Features(ReadOnlySpan<float> uv, int rows, int width, RichCppnNetwork? rich, float[]? freq, float[]? phase)
    {
        var h = new float[rows * width];
        if (rich is null)
        {
            for (int r = 0; r < rows; r++)
            {
                float u = uv[2 * r], v = uv[2 * r + 1];
                h[3 * r] = u; h[3 * r + 1] = v; h[3 * r + 2] = MathF.Sqrt(u * u + v * v + 1e-8f);
            }
            return h;
        }
        int k = phase!.Length;
        var zf = new float[k];
        for (int r = 0; r < rows; r++)
        {
            float u = uv[2 * r], v = uv[2 * r + 1];
            for (int j = 0; j < k; j++) zf[j] = u * freq![j] + v * freq[k + j] + phase[j];
            var row = h.AsSpan(r * width, width);
            TensorPrimitives.Sin(zf, row[..k]);
            for (int j = 0; j < k; j++) zf[j] += MathF.PI / 2;
            TensorPrimitives.Sin(zf, row.Slice(k, k));
            if (!rich.Shape.Tileable) { row[2 * k] = u; row[2 * k + 1] = v; row[2 * k + 2] = MathF.Sqrt(u * u + v * v + 1e-8f); }
        }
        return h;
    }
}
