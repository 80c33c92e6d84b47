// Load the shipped MNIST model (pretrained:mnist) and classify a 28×28 grayscale PNG. With no argument the example draws
// a handwritten-style digit itself (white strokes on black, as in MNIST), writes it as a PNG and classifies that file;
// pass your own PNG (28×28, white digit on black) as the first argument to classify it instead.
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;

string png = args.Length > 0 ? args[0] : DrawSeven(Path.Combine(Path.GetTempPath(), "basin-example-seven.png"));

// pretrained:NAME resolves to the model shipped next to the assemblies, in a parent directory's models/, or in $BASIN_MODELS.
var model = SaNodeFile.Load<float>(PretrainedModels.Resolve("pretrained:mnist"));
int n = model.Config.N;
var image = PngDecoder.Read(png);
if (image.Width * image.Height != n) throw new ArgumentException($"{png} is {image.Width}×{image.Height}; the model needs {n} pixels (28×28).");
var x0 = new float[n];
for (int y = 0; y < image.Height; y++)
    for (int x = 0; x < image.Width; x++)
    {
        var c = image.GetPixel(x, y);
        x0[y * image.Width + x] = (0.299f * c.R + 0.587f * c.G + 0.114f * c.B) / 255f;   // pixels in [0, 1] are the initial state
    }

// Integrate dx/dt = −∇V(x) + βAx from the image to T = 120 (the model's evaluation horizon) and read the attractor reached.
var runner = new SaNodeRunner<float>(model);
runner.Refresh();
var xT = new float[n];
runner.Predict(x0, 1, new SolverOptions(ButcherTableau.Euler, 0.1, 1200, Clip: 10 * model.Config.A), xT);
var patterns = model.Patterns.ToArray();
int digit = SaNodeMetrics.Nearest<float>(xT, patterns, n);
Console.WriteLine($"{png}: class {digit}");
for (int k = 0; k < model.Config.K; k++)
{
    double m = 0;
    for (int i = 0; i < n; i++) m += xT[i] * patterns[k * n + i];
    Console.WriteLine($"  overlap with attractor {k}: {m / (model.Config.A * model.Config.A * n),7:F4}");
}
return args.Length > 0 || digit == 7 ? 0 : 1;

// A "7" of two anti-aliased strokes about 2.6 px wide inside the central 20×20 box, the way MNIST digits are framed.
static string DrawSeven(string path)
{
    (double X0, double Y0, double X1, double Y1)[] strokes = [(8, 7, 20, 6.5), (20, 6.5, 13, 22)];
    var ink = new double[28 * 28];
    for (int y = 0; y < 28; y++)
        for (int x = 0; x < 28; x++)
            foreach (var (ax, ay, bx, by) in strokes)
            {
                double dx = bx - ax, dy = by - ay, t = Math.Clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0, 1);
                double d = Math.Sqrt(Math.Pow(x - ax - t * dx, 2) + Math.Pow(y - ay - t * dy, 2));
                ink[y * 28 + x] = Math.Max(ink[y * 28 + x], Math.Clamp(1.8 - d, 0, 1));
            }
    PngWriter.WriteGray(path, ink, 28, 28);
    return path;
}
