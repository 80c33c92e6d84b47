using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.Transform;

/// <summary>Issue 28 §4: a CSV with 100 000 columns made keygen write a key whose d×d rotation overflowed int (an 11 GB allocation and hours of Gram–Schmidt on apply); now one clear error.</summary>
public sealed class ObfuscationKeyDimensionTests
{
    [Fact]
    public void ADimensionBeyondMaxDim_IsRefusedBeforeTraining()
    {
        var e = Assert.Throws<ArgumentException>(() => ObfuscationKey.Generate(100_000, 1, options: new CouplingOptions(Block: 8, Hidden: 4, CouplingLayers: 1, TrainSteps: 0, Batch: 4)));
        Assert.Contains("exceeds the largest", e.Message);
        var k = TestData.SmallKey(8);
        Assert.Throws<ArgumentException>(() => new ObfuscationKey(k.Secret, ObfuscationKey.MaxDim + 1, k.Geometry, k.Center, k.Scale, k.Network));
    }
}
