using Basin.Dfsa.Networks;
using Basin.Stability.Maps;
using Basin.Tensors;

namespace Basin.Stability.Tests.Maps;

public class MapStabilityTests
{
    [Fact]
    public void SquareNetworkGetsOrbitsAndLipschitzAndANonSquareOneLipschitzOnly()
    {
        var square = new NetworkSpec(Architecture.Mlp, 6, 6, Hidden: 16, Layers: 2).Create<double>(new Rng(3));
        var r = MapStability.Run("m", square, "sphere", new MapStabilityOptions(OrbitKind.Sphere, Iterations: 200, Starts: 2, Exponents: 2, LipschitzCount: 3));
        Assert.Equal("dfsa", r.Kind);
        Assert.Equal(2, r.Orbits!.Count);
        Assert.All(r.Orbits, o => Assert.Equal(2, o.Exponents.Length));
        Assert.True(r.LargestLyapunovExponent is { } l && double.IsFinite(l));
        Assert.Equal(r.LargestLyapunovExponent > 0, r.Chaotic);
        Assert.Equal(3, r.Lipschitz!.Images);
        var wide = new NetworkSpec(Architecture.Mlp, 6, 3, Hidden: 16, Layers: 2).Create<double>(new Rng(3));
        var w = MapStability.Run("w", wide, "gaussian", new MapStabilityOptions(LipschitzCount: 2));
        Assert.Null(w.Orbits);
        Assert.Null(w.LargestLyapunovExponent);
        Assert.Equal(2, w.Lipschitz!.Images);
        Assert.Throws<ArgumentException>(() => MapStability.Run("m", square, "sphere", new MapStabilityOptions(Starts: 0)));
    }
}
