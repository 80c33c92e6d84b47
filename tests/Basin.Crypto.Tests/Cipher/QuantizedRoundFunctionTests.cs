using Basin.Crypto.Cipher;

namespace Basin.Crypto.Tests.Cipher;

public class QuantizedRoundFunctionTests
{
    [Fact]
    public void TablesEqualTheDefiningIntegerSumsOnEveryPath()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 4; trial++)
        {
            var f = TestKeys.RandomFunction(rng);
            for (int i = 0; i < 2000; i++)
            {
                ulong x = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
                ulong r = f.EvaluateReference(x);
                Assert.Equal(r, f.Evaluate(x));
                Assert.Equal(r, f.EvaluatePortable(x));
                Assert.Equal(r, f.EvaluateTables(x));
                Assert.Equal(r, f.EvaluateScalar(x));
            }
        }
    }

    /// <summary>Path <paramref name="path"/>, single and four at a time, equals the defining sums on random weights and inputs.</summary>
    private static void PathEqualsTheDefiningSums(RoundFunctionPath path)
    {
        var rng = new Random(11 + (int)path);
        for (int trial = 0; trial < 4; trial++)
        {
            var f = TestKeys.RandomFunction(rng);
            for (int i = 0; i < 1000; i++)
            {
                ulong a = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40), b = (ulong)rng.NextInt64(), c = ~a, d = a ^ 1;
                Assert.Equal(f.EvaluateReference(a), f.Evaluate(a, path));
                ulong a4 = a, b4 = b, c4 = c, d4 = d;
                f.Evaluate4(ref a4, ref b4, ref c4, ref d4, path);
                Assert.Equal([f.EvaluateReference(a), f.EvaluateReference(b), f.EvaluateReference(c), f.EvaluateReference(d)], new[] { a4, b4, c4, d4 });
            }
        }
        // the extremes of the int8 weights (−128 included) and of the biases, where an accumulator could overflow or saturate
        foreach (sbyte v in new sbyte[] { 127, -127, -128 })
            foreach (short bias in new short[] { 8000, -8000, 0 })
            {
                var w = Enumerable.Repeat(v, 4096).ToArray();
                var bs = Enumerable.Repeat(bias, 64).ToArray();
                var g = new QuantizedRoundFunction(w, bs, w, bs);
                foreach (var x in new[] { 0UL, ulong.MaxValue, 0x5555555555555555UL, 0x8000000000000001UL })
                    Assert.Equal(g.EvaluateReference(x), g.Evaluate(x, path));
            }
    }

    [PathFact(RoundFunctionPath.Portable)]
    public void PortablePathEqualsTheDefiningSums() => PathEqualsTheDefiningSums(RoundFunctionPath.Portable);

    [PathFact(RoundFunctionPath.BitPlane)]
    public void BitPlanePathEqualsTheDefiningSums() => PathEqualsTheDefiningSums(RoundFunctionPath.BitPlane);

    [PathFact(RoundFunctionPath.Avx2)]
    public void Avx2PathEqualsTheDefiningSums() => PathEqualsTheDefiningSums(RoundFunctionPath.Avx2);

    [PathFact(RoundFunctionPath.AvxVnni256)]
    public void AvxVnni256PathEqualsTheDefiningSums() => PathEqualsTheDefiningSums(RoundFunctionPath.AvxVnni256);

    [PathFact(RoundFunctionPath.Avx512BW)]
    public void Avx512BWPathEqualsTheDefiningSums() => PathEqualsTheDefiningSums(RoundFunctionPath.Avx512BW);

    [Fact]
    public void TheDeployedFourAtATimeEqualsOneAtATime()
    {
        var f = TestKeys.RandomFunction(new Random(5));
        var rng = new Random(6);
        for (int i = 0; i < 500; i++)
        {
            ulong a = (ulong)rng.NextInt64(), b = (ulong)rng.NextInt64(), c = (ulong)rng.NextInt64(), d = (ulong)rng.NextInt64();
            ulong a4 = a, b4 = b, c4 = c, d4 = d;
            f.Evaluate4(ref a4, ref b4, ref c4, ref d4);
            Assert.Equal(new[] { f.Evaluate(a), f.Evaluate(b), f.Evaluate(c), f.Evaluate(d) }, new[] { a4, b4, c4, d4 });
        }
    }

    [Fact]
    public void ExtremeWeightsDoNotOverflowTheInt16Accumulators()
    {
        var w = Enumerable.Repeat((sbyte)127, 4096).ToArray();
        var b = Enumerable.Repeat((short)8000, 64).ToArray();
        var f = new QuantizedRoundFunction(w, b, w, b);
        Assert.Equal(ulong.MaxValue, f.Evaluate(ulong.MaxValue));
        Assert.Equal(f.EvaluateReference(0), f.Evaluate(0));
        var neg = Enumerable.Repeat((sbyte)-127, 4096).ToArray();
        var g = new QuantizedRoundFunction(neg, b.Select(v => (short)-v).ToArray(), neg, b.Select(v => (short)-v).ToArray());
        Assert.Equal(g.EvaluateReference(ulong.MaxValue), g.Evaluate(ulong.MaxValue));
        foreach (var h in new[] { f, g })
            foreach (var x in new[] { 0UL, ulong.MaxValue, 0x5555555555555555UL })
            {
                Assert.Equal(h.EvaluateReference(x), h.EvaluatePortable(x));
                Assert.Equal(h.EvaluateReference(x), h.EvaluateTables(x));
            }
    }

    [Fact]
    public void AnAccumulatorOfExactlyZeroGivesZeroOnEveryPath()
    {
        // one +1 weight and bias 0 in row 0 of each layer... b = 0 and W[0,0] = 1, W[0,1] = −1: acc = s_0 − s_1 = 0 when x_0 = x_1
        var w = new sbyte[4096]; w[0] = 1; w[1] = -1;
        var f = new QuantizedRoundFunction(w, new short[64], w, new short[64]);
        foreach (var x in new[] { 0UL, 3UL, 1UL, 2UL })
        {
            Assert.Equal(f.EvaluateReference(x), f.Evaluate(x));
            Assert.Equal(f.EvaluateReference(x), f.EvaluatePortable(x));
        }
    }

    [Fact]
    public void BadShapesAndBiasesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new QuantizedRoundFunction(new sbyte[10], new short[64], new sbyte[4096], new short[64]));
        var big = Enumerable.Repeat((short)9000, 64).ToArray();
        Assert.Throws<ArgumentException>(() => new QuantizedRoundFunction(new sbyte[4096], big, new sbyte[4096], new short[64]));
    }
}
