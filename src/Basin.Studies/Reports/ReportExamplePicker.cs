using Basin.Data;
using Basin.SaNode.Studies;

namespace Basin.Studies.Reports;

/// <summary>Sorts per-image horizon read-outs into right, wrong and unsettled (<see cref="ReportExamples"/>) at the last read-out time.</summary>
public static class ReportExamplePicker
{
    /// <summary>
    /// The kinds of the images of <paramref name="samples"/> (read-outs of <paramref name="images"/>, N = <paramref name="n"/>)
    /// at the last of <paramref name="times"/>, with the first <paramref name="perKind"/> of each kind in index order.
    /// </summary>
    public static ReportExamples Pick(LabeledImages images, double[] times, int n, IReadOnlyList<HorizonSample> samples, int perKind, double threshold = 0.95)
    {
        if (times.Length == 0) throw new ArgumentException("No read-out time.");
        int last = times.Length - 1;
        var right = new List<ReportExample>(); var wrong = new List<ReportExample>(); var unsettled = new List<ReportExample>();
        int nr = 0, nw = 0, nu = 0;
        foreach (var s in samples)
        {
            double m = (double)s.Agree[last] / n;
            List<ReportExample> into;
            if (m >= threshold) { nr++; into = right; }
            else if (s.Nearest[last] != s.Label) { nw++; into = wrong; }
            else { nu++; into = unsettled; }
            if (into.Count < perKind) into.Add(new ReportExample(s.Index, s.Label, s.Nearest[last], m, images.Image(s.Index).ToArray()));
        }
        return new ReportExamples(times[last], images.Rows, images.Cols, nr, nw, nu, right.ToArray(), wrong.ToArray(), unsettled.ToArray());
    }
}
