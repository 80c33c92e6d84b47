using Basin.Stability.Attacks;

namespace Basin.Stability.Tests.Attacks;

/// <summary>AutoAttack's standard composition against the closed form of a linear model (<see cref="LinearClosedForm"/>).</summary>
public class AutoAttackTests
{
    /// <summary>
    /// At budgets halfway between consecutive closed-form distances (no image near its boundary), AutoAttack fools exactly
    /// the images closer than ε (where the box does not bind; elsewhere it may only fool those closer than ε), so its robust
    /// accuracy is the closed form's; the winner it names fools the image.
    /// </summary>
    [Theory]
    [InlineData(Norm.L2)]
    [InlineData(Norm.LInf)]
    public void RobustAccuracyOfALinearModelEqualsTheClosedForm(Norm norm)
    {
        var lin = LinearClosedForm.Create();
        var (dist, free) = lin.Distances(norm);
        var positive = dist.Where(v => v > 0).Order().ToArray();
        var budgets = new List<double>();
        for (int i = 0; i + 1 < positive.Length; i += Math.Max(1, positive.Length / 5))
            if (positive[i + 1] - positive[i] > 1e-3) budgets.Add(0.5 * (positive[i] + positive[i + 1]));
        Assert.True(budgets.Count >= 3, $"only {budgets.Count} budgets");
        var aa = new AutoAttack(norm);
        foreach (var eps in budgets)
        {
            var e = Enumerable.Repeat(eps, lin.Count).ToArray();
            var r = aa.Evaluate(lin.Model, lin.X, lin.Y, e, new AttackSettings(Iterations: 50, Queries: 500, Seed: 5));
            var robust = lin.Robust(r.Points, e, norm);
            int expected = 0;
            for (int b = 0; b < lin.Count; b++)
            {
                if (dist[b] >= eps || free[b] || dist[b] <= 0) Assert.True(robust[b] == dist[b] >= eps, $"ε = {eps}: image {b} at distance {dist[b]} robust = {robust[b]}");
                Assert.Equal(robust[b], r.Winner[b] == null);
                if (dist[b] >= eps) expected++;
            }
            if (Enumerable.Range(0, lin.Count).All(b => dist[b] >= eps || free[b] || dist[b] <= 0))
                Assert.Equal(expected / (double)lin.Count, r.RobustAccuracy, 12);
        }
    }
}
