using Basin.Data;
using Basin.Plotting;

namespace Basin.Studies.Demo;

/// <summary>The pictures of <see cref="LettersDemo"/>: the input → x(T) → attractor grid and a text rendering of one letter.</summary>
public static class LettersDemoFigure
{
    /// <summary>
    /// Writes <c><paramref name="basePath"/>.png</c> and <c>.svg</c>: rows clean input, ε = 0.2 input, x(T = 60), attractor
    /// φ(k); inputs drawn dark on light, states rescaled from [−a, a] to [0, 1].
    /// </summary>
    public static void Save(LettersDemoStates states, string basePath)
    {
        var grid = new ImageGrid { Title = "SA-nODE: input → x(T = 60) → attractor", Columns = 5, RowLabels = ["clean", "ε = 0.2", "x(T)", "attractor"] };
        for (int k = 0; k < 5; k++) grid.Add(Invert(states.Clean[k]), 7, 7, Letters.ClassNames[k]);
        for (int k = 0; k < 5; k++) grid.Add(Invert(states.Noisy[k]), 7, 7);
        for (int k = 0; k < 5; k++) grid.Add(Rescale(states.Final[k], states.A), 7, 7);
        for (int k = 0; k < 5; k++) grid.Add(Rescale(states.Attractors[k], states.A), 7, 7, $"φ({k})");
        grid.Save(basePath, 640, 600);
    }

    /// <summary>Letter <paramref name="k"/> as text: noisy input (█ ▒ blank) → sign of x(T) (■ = +a, · = −a), seven lines.</summary>
    public static string SideBySide(LettersDemoStates states, int k)
    {
        var lines = new List<string>();
        for (int r = 0; r < 7; r++)
        {
            var a = new char[7]; var b = new char[7];
            for (int c = 0; c < 7; c++)
            {
                float v = states.Noisy[k][r * 7 + c];
                a[c] = v > 0.66f ? '█' : v > 0.33f ? '▒' : ' ';
                b[c] = states.Final[k][r * 7 + c] > 0 ? '■' : '·';
            }
            lines.Add($"  {new string(a)}   →   {new string(b)}");
        }
        return string.Join('\n', lines);
    }

    private static float[] Invert(float[] x) => x.Select(v => 1 - v).ToArray();

    private static float[] Rescale(float[] x, double a) => x.Select(v => (float)Math.Clamp((v + a) / (2 * a), 0, 1)).ToArray();
}
