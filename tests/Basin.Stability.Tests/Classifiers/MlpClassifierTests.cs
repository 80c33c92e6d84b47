using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests.Classifiers;

public class MlpClassifierTests
{
    /// <summary>A file keeps its weights and its robust-training recipe, and the recipe is part of the model's name.</summary>
    [Fact]
    public void SaveAndLoadKeepTheWeightsAndTheRecipeInTheName()
    {
        var dir = Directory.CreateTempSubdirectory("basin-mlp").FullName;
        try
        {
            var c = new MlpClassifier([49, 7, 5], seed: 3) { Recipe = "pgd:eps=0.1,steps=5,step=0.05" };
            var path = Path.Combine(dir, "m.safetensors");
            c.Save(path);
            var back = MlpClassifier.Load(path);
            Assert.Equal("ReLU MLP 49-7-5 (pgd:eps=0.1,steps=5,step=0.05)", back.Name);
            var x = Enumerable.Range(0, 2 * 49).Select(i => (i % 7) / 7.0).ToArray();
            var a = new double[10]; var b = new double[10];
            c.Scores(x, 2, a);
            back.Scores(x, 2, b);
            Assert.Equal(a, b);
            var plain = new MlpClassifier([49, 5]);
            plain.Save(path);
            Assert.Null(MlpClassifier.Load(path).Recipe);
            Assert.Equal("logistic regression 49-5", MlpClassifier.Load(path).Name);
        }
        finally { Directory.Delete(dir, true); }
    }
}
