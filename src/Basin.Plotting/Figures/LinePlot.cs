namespace Basin.Plotting;

/// <summary>
/// Lines through named series (optionally with markers), e.g. training curves, m_f against ε, MSE(t).
/// <code>
/// var plot = new LinePlot { Title = "Loss", XLabel = "epoch", YLabel = "MSE", LogY = true };
/// plot.Add("train", epochs, train);
/// plot.Add("test", epochs, test).Marker = MarkerShape.Circle;
/// plot.Save("out/loss");   // out/loss.svg and out/loss.png
/// </code>
/// </summary>
public sealed class LinePlot : XYPlot
{
    private protected override bool DefaultShowLine => true;

    private protected override MarkerShape DefaultMarker => MarkerShape.None;
}
