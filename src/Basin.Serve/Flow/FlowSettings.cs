using Basin.Dynamics;
using Basin.Serve.Api;

namespace Basin.Serve.Flow;

/// <summary>How an image is integrated: <paramref name="Steps"/> fixed steps of <paramref name="Dt"/> with a tableau of the catalogue; <paramref name="Frames"/> states recorded.</summary>
public sealed record FlowSettings(int Steps = 200, double Dt = 0.1, string Solver = "euler", int Frames = 25)
{
    /// <summary>Largest step count a request may ask for.</summary>
    public const int MaxSteps = 5000;

    /// <summary>The horizon T = Steps·Δt.</summary>
    public double Horizon => Steps * Dt;

    /// <summary>The tableau; 400 for values out of range or an unknown solver.</summary>
    public ButcherTableau Validate()
    {
        if (Steps is < 1 or > MaxSteps) throw ApiException.BadRequest($"steps {Steps} must be in [1, {MaxSteps}].");
        if (!(Dt > 0 && Dt <= 1)) throw ApiException.BadRequest($"dt {Dt} must be in (0, 1].");
        if (Frames is < 2 or > 200) throw ApiException.BadRequest($"frames {Frames} must be in [2, 200].");
        try { return ButcherTableau.Parse(Solver); }
        catch (ArgumentException e) { throw ApiException.BadRequest(e.Message); }
    }
}
