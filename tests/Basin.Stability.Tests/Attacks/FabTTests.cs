using Basin.Stability.Attacks;

namespace Basin.Stability.Tests.Attacks;

/// <summary>FAB-T as a minimal-norm attack against the closed form of a linear model (<see cref="LinearClosedForm"/>).</summary>
public class FabTTests
{
    /// <summary>
    /// On a linear model every linearisation is exact, so FAB-T's first projection already lands η = 1.05 past the nearest
    /// boundary point and the pull-backs β = 0.9 shrink it toward the minimum: per image the distance found is never below
    /// the closed form |s_y − s_j*|/‖w_y − w_j*‖_q (a lower bound, box or not) and, where the box does not bind, within 1 %
    /// of it (L2: q = 2; L∞: q = 1).
    /// </summary>
    [Theory]
    [InlineData(Norm.L2)]
    [InlineData(Norm.LInf)]
    public void FindsTheClosedFormMinimalDistanceOfALinearModel(Norm norm)
    {
        var lin = LinearClosedForm.Create();
        var (dist, free) = lin.Distances(norm);
        Assert.True(free.Count(f => f) >= lin.Count / 2, $"the box binds for {free.Count(f => !f)} of {lin.Count} images");
        var (points, found) = FabT.Minimal(lin.Model, lin.X, lin.Y, norm, iterations: 100);
        for (int b = 0; b < lin.Count; b++)
        {
            if (dist[b] <= 0) { Assert.Equal(0, found[b]); continue; }
            Assert.NotNull(points[b]);
            Assert.Equal(found[b], Attack.Distance(points[b]!, lin.Row(b), norm), 9);
            Assert.True(found[b] >= dist[b] * (1 - 1e-9), $"image {b}: FAB-T {found[b]} below the closed form {dist[b]}");
            if (free[b]) Assert.True(found[b] <= 1.01 * dist[b], $"image {b}: FAB-T {found[b]}, closed form {dist[b]}");
        }
    }
}
