using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.Transform;

public class ObfuscationKeyTests
{
    [Fact]
    public void Generate_IsReproducibleFromTheSecret()
    {
        var a = TestData.SmallKey(16, geometry: 2, seed: 9, steps: 15);
        var b = TestData.SmallKey(16, geometry: 2, seed: 9, steps: 15);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, TestData.SmallKey(16, geometry: 2, seed: 10, steps: 15).Fingerprint);
    }

    [Fact]
    public void Fingerprint_DependsOnEveryParameter()
    {
        var k = TestData.SmallKey(16, seed: 3);
        var fps = new[]
        {
            k.Fingerprint,
            new ObfuscationKey(k.Secret, 17, k.Geometry, k.Center, k.Scale, k.Network).Fingerprint,
            new ObfuscationKey(k.Secret, k.Dim, k.Geometry + 1, k.Center, k.Scale, k.Network).Fingerprint,
            new ObfuscationKey(k.Secret, k.Dim, k.Geometry, k.Center + 0.5, k.Scale, k.Network).Fingerprint,
            new ObfuscationKey(k.Secret, k.Dim, k.Geometry, k.Center, k.Scale * 2, k.Network).Fingerprint,
        };
        Assert.Equal(fps.Length, fps.Distinct().Count());
    }

    [Fact]
    public void Training_ChangesTheNetwork_AndGeometryWeightScalesOnlyGeometryTerms()
    {
        var untrained = TestData.SmallKey(16, seed: 4, steps: 0);
        var trained = TestData.SmallKey(16, seed: 4, steps: 20);
        Assert.NotEqual(untrained.Fingerprint, trained.Fingerprint);
        var o0 = ObfuscationKey.ObjectiveFor(0);
        var o5 = ObfuscationKey.ObjectiveFor(5);
        Assert.DoesNotContain(o0.Terms, t => t.Term.Group == Basin.Dfsa.Terms.TermGroup.Geometry);
        var preset = Basin.Dfsa.Training.Presets.Get("obfuscation");
        foreach (var t in o5.Terms)
        {
            var p = preset.Single(q => q.Term.Name == t.Term.Name);
            Assert.Equal(t.Term.Group == Basin.Dfsa.Terms.TermGroup.Geometry ? 5 * p.Weight : p.Weight, t.Weight, 12);
        }
    }

    [Theory]
    [InlineData(1, -1.0, 1.0)]
    [InlineData(8, double.NaN, 1.0)]
    [InlineData(8, 1.0, 0.0)]
    [InlineData(8, 1.0, double.PositiveInfinity)]
    public void BadParameters_AreRejected(int dim, double geometry, double scale)
    {
        Assert.Throws<ArgumentException>(() => ObfuscationKey.Generate(dim, geometry, 0, scale, new CouplingOptions(Block: 2, Hidden: 4, CouplingLayers: 1, TrainSteps: 0)));
    }

    [Fact]
    public void NonFiniteWeights_AreRejected()
    {
        var k = TestData.SmallKey(8, steps: 0);
        k.Network.NamedParameters().First().Parameter.Value.Span[0] = double.NaN;
        Assert.Throws<ArgumentException>(() => new ObfuscationKey(k.Secret, 8, 0, 0, 1, k.Network));
    }
}
