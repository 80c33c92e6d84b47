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
    }

    [Fact]
    public void BadShapesAndBiasesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new QuantizedRoundFunction(new sbyte[10], new short[64], new sbyte[4096], new short[64]));
        var big = Enumerable.Repeat((short)9000, 64).ToArray();
        Assert.Throws<ArgumentException>(() => new QuantizedRoundFunction(new sbyte[4096], big, new sbyte[4096], new short[64]));
    }
}
