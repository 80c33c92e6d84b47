using Basin.Data;
using Basin.SaNode.Evaluation;
using Basin.SaNode.Training;

namespace Basin.SaNode.Tests.Evaluation;

public class SaNodeEvaluationTests
{
    [Fact]
    public void EvaluationAndClassificationOfATrainedLettersModel()
    {
        var recipe = SaNodeRecipes.For("letters");
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Basin.Tensors.Rng(1)), recipe.Options with { Epochs = 8 });
        trainer.Run(recipe.LoadTraining(), null, null);
        var test = Datasets.Load("letters", DataSplit.Test);
        var r = SaNodeEvaluation.Run(trainer.Model, "m", test, "letters", "test", new SaNodeEvalOptions(Steps: 300, Batch: 64));
        Assert.Equal(500, r.Count);
        Assert.Equal(1.0, r.Accuracy);
        Assert.Equal(5, r.PerClass.Length);
        Assert.Equal(["A", "B", "C", "D", "E"], r.PerClass.Select(c => c.Class));
        Assert.Equal(30, r.Horizon, 9);
        Assert.Equal(8 * 300, r.Evaluations);
        var a = SaNodeEvaluation.Run(trainer.Model, "m", test, "letters", "test", new SaNodeEvalOptions(Steps: 300, Batch: 64, Solver: "dopri5", Rtol: 1e-6, Atol: 1e-8, PerRowSteps: false));
        var perRow = SaNodeEvaluation.Run(trainer.Model, "m", test, "letters", "test", new SaNodeEvalOptions(Steps: 300, Batch: 64, Solver: "dopri5", Rtol: 1e-6, Atol: 1e-8));
        Assert.Equal(("batch", "per-row"), (a.StepControl, perRow.StepControl));
        Assert.Equal(1.0, perRow.Accuracy);
        Assert.Equal(a.Overlap, perRow.Overlap, 5);
        Assert.True(perRow.RowEvaluations <= a.RowEvaluations, $"per-row {perRow.RowEvaluations} row evaluations, batch {a.RowEvaluations}");
        Assert.Equal(1.0, a.Accuracy);
        Assert.Equal(r.Overlap, a.Overlap, 5);
        Assert.Equal(("dopri5", 1e-6, 1e-8), (a.Solver, a.Rtol, a.Atol));
        Assert.True(a.StepsTaken > 8 && a.Evaluations >= 6 * (a.StepsTaken + a.RejectedSteps), $"{a.StepsTaken} steps, {a.Evaluations} evaluations");
        Assert.Throws<ArgumentException>(() => SaNodeEvaluation.Run(trainer.Model, "m", test, "letters", "test", new SaNodeEvalOptions(Solver: "rk4", Rtol: 1e-6, Atol: 1e-8)));
        var settled = SaNodeEvaluation.Run(trainer.Model, "m", test, "letters", "test", new SaNodeEvalOptions(Steps: 300, Batch: 64, Solver: "dopri5", Rtol: 1e-6, Atol: 1e-8, SettleTolerance: 1e-3, PerRowSteps: false));
        Assert.Equal(1.0, settled.Accuracy);
        Assert.True(settled.Evaluations < a.Evaluations, $"{settled.Evaluations} evaluations with retiring rows, {a.Evaluations} without");
        for (int k = 0; k < 5; k++)
        {
            var c = SaNodeClassification.Classify(trainer.Model, Letters.Pattern(k), 300, 0.1, $"letter {k}", k);
            Assert.Equal(k, c.Class);
            Assert.True(c.Converged);
            Assert.Equal(5, c.Overlaps.Length);
        }
        Assert.Throws<ArgumentException>(() => SaNodeClassification.Classify(trainer.Model, new float[3], 10, 0.1));
    }
}
