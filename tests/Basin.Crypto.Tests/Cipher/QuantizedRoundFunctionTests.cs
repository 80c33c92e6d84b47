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
