using System.CommandLine;
using Basin.Dfsa.Art;

namespace Basin.Cli.Commands.Dfsa;

/// <summary>The CPPN options shared by <c>basin art</c> and its subcommands: model, shape and, for the rich model, features and colour space.</summary>
public sealed class ModelOptions
{
    private readonly Option<string> _model = new("--model") { Description = "rich (Fourier features, sin/Gaussian/tanh layers, HSV) or classic (the original [u, v, r] CPPN).", DefaultValueFactory = _ => "rich" };
    private readonly Option<int?> _hidden = new("--hidden") { Description = "CPPN hidden width (default: classic 16, rich 24)." };
    private readonly Option<int?> _layers = new("--layers") { Description = "CPPN hidden layers (default: classic 4, rich 5)." };
    private readonly Option<double?> _gain = new("--init-gain") { Description = "Initial weight gain (default: classic 2, rich 1)." };
    private readonly Option<int> _features = new("--features") { Description = "Rich model: random Fourier features.", DefaultValueFactory = _ => 12 };
    private readonly Option<int> _bandwidth = new("--bandwidth") { Description = "Rich model: largest integer frequency of a feature (detail).", DefaultValueFactory = _ => 3 };
    private readonly Option<string> _colour = new("--colour") { Description = "Rich model: colour space of the outputs, hsv or rgb.", DefaultValueFactory = _ => "hsv" };
    private readonly Option<bool> _tileable = new("--tileable") { Description = "Rich model: integer frequencies only, so the image tiles." };

    /// <summary>Creates the options.</summary>
    public static ModelOptions Create()
    {
        var m = new ModelOptions();
        m._model.AcceptOnlyFromAmong("rich", "classic");
        m._colour.AcceptOnlyFromAmong([.. RichCppnShape.Colours]);
        return m;
    }

    /// <summary>Adds every option to <paramref name="cmd"/>.</summary>
    public void AddTo(Command cmd)
    {
        foreach (var o in new Option[] { _model, _hidden, _layers, _gain, _features, _bandwidth, _colour, _tileable }) cmd.Options.Add(o);
    }

    /// <summary>The art options the command line asks for (training steps and terms left at their defaults).</summary>
    public ArtOptions Read(ParseResult p)
    {
        var model = ArtGenerator.ParseModel(p.GetValue(_model)!);
        bool rich = model == ArtModel.Rich;
        return new ArtOptions
        {
            Model = model,
            Hidden = p.GetValue(_hidden) ?? (rich ? 24 : 16),
            Layers = p.GetValue(_layers) ?? (rich ? 5 : 4),
            InitGain = p.GetValue(_gain) ?? (rich ? 1.0 : 2.0),
            Rich = new RichCppnShape(p.GetValue(_features), p.GetValue(_bandwidth), p.GetValue(_tileable), p.GetValue(_colour)!).Validate(),
        };
    }
}
