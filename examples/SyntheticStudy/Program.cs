// Run one of Basin's studies from code: the synthetic experiment behind Bastounis, Hansen & Vlačić's accurate-or-stable
// theorem (the library's SyntheticStudy, also `basin study synthetic`). Two classes on a random 4×4 checkerboard in [0,1]²
// with an empty band of width 2ε between them, so a classifier both accurate and stable exists. A ReLU MLP of fixed size is
// trained on growing training sets; for each size the study reports the share of correctly classified test points that a
// perturbation of L2 norm below ε flips (found by a minimal-L2 attack), next to the same share for 1-nearest-neighbour
// (an upper bound, from a lower bound on its flip distance). Small settings: about a second.
using Basin.Stability;

int[] sizes = [50, 200, 800];
var rows = SyntheticStudy.Run(dim: 2, eps: 0.03, trainSizes: sizes, testSize: 200, hidden: 64, maxEpochs: 400, seed: 1,
    cells: 4);
Console.WriteLine($"{"train size",10} {"MLP train",10} {"MLP test",10} {"MLP flips<ε",12} {"1-NN test",10} {"1-NN flips<ε",13}");
foreach (var r in rows)
    Console.WriteLine($"{r.TrainSize,10} {r.MlpTrainAccuracy,10:P1} {r.MlpTestAccuracy,10:P1} {r.MlpUnstableShare,12:P1} " +
                      $"{r.NearestTestAccuracy,10:P1} {r.NearestUnstableShare,13:P1}");
return rows.Count == sizes.Length && rows.All(r => double.IsFinite(r.MlpTestAccuracy)) ? 0 : 1;
