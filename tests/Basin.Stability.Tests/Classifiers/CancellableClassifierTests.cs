using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests.Classifiers;

public class CancellableClassifierTests
{
    /// <summary>Counts queries and cancels the token at the <c>cancelAt</c>-th one, as a SIGTERM arriving inside a batch would.</summary>
    private sealed class CancellingClassifier(IClassifier inner, CancellationTokenSource cts, int cancelAt) : IClassifier
    {
        public int Queries;
        public string Name => inner.Name;
        public int Dimension => inner.Dimension;
        public int Classes => inner.Classes;
        public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores) { Tick(); inner.Scores(x, batch, scores); }
        public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> g, Span<double> gx, Span<double> s) { Tick(); inner.InputGradient(x, batch, g, gx, s); }
        private void Tick() { if (++Queries == cancelAt) cts.Cancel(); }
    }

    [Fact]
    public void AnAttackStopsWithinOneQueryOfTheCancellationInsideItsBatch()
    {
        var model = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(model, Letters.Create(40, 0.2, seed: 1), epochs: 10, batch: 50, learningRate: 1e-2);
        var test = Letters.Create(10, 0.15, seed: 4);
        using var cts = new CancellationTokenSource();
        var counting = new CancellingClassifier(model, cts, cancelAt: 5);
        // One batch of 50 images and 200 PGD iterations: without the wrapper the batch would run all its ~200 queries.
        var o = new AttackEvaluationOptions(0.5, 50, 50, new AttackSettings(Iterations: 200, Seed: 1));
        Assert.ThrowsAny<OperationCanceledException>(() => AttackEvaluation.Run(counting, test, AttackCatalogue.Find("pgd-margin-linf"), o, cancel: cts.Token));
        Assert.Equal(5, counting.Queries);
    }

    [Fact]
    public void AnUncancellableTokenLeavesTheClassifierUnwrapped()
    {
        var model = new MlpClassifier([49, 5]);
        Assert.Same(model, CancellableClassifier.Wrap(model, CancellationToken.None));
        using var cts = new CancellationTokenSource();
        var wrapped = Assert.IsType<CancellableClassifier>(CancellableClassifier.Wrap(model, cts.Token));
        Assert.Same(model, wrapped.Inner);
        Assert.Equal(model.Name, wrapped.Name);
    }
}
