using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Basin.Studies.Reports;

namespace Basin.Studies.Tests.Reports;

/// <summary>The HTML of a report: self-contained, well formed, every section present or omitted as its input is, strings escaped, numbers the record's.</summary>
[Collection("letters-report")]
public sealed partial class ModelReportHtmlTests(LettersReportFixture f)
{
    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n", html);
        return XDocument.Parse(html["<!DOCTYPE html>\n".Length..]);
    }

    private static XElement ById(XDocument d, string id) =>
        d.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id) ?? throw new Xunit.Sdk.XunitException($"no element with id '{id}'");

    private static double Value(XDocument d, string id) => double.Parse((string)ById(d, id).Attribute("data-value")!, CultureInfo.InvariantCulture);

    [GeneratedRegex("""(?:src|href)\s*=\s*["']([^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex("""url\(\s*([^)]*)\)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    /// <summary>Every src/href/url() of <paramref name="text"/> is a fragment or a data URI; the SVG data URIs are checked the same way, recursively.</summary>
    private static int AssertSelfContained(string text)
    {
        int svgs = 0;
        foreach (Match m in Reference().Matches(text))
        {
            var v = m.Groups[1].Value;
            Assert.True(v.StartsWith('#') || v.StartsWith("data:", StringComparison.Ordinal), $"external reference: {v}");
            const string svg = "data:image/svg+xml;base64,";
            if (v.StartsWith(svg, StringComparison.Ordinal)) { svgs++; AssertSelfContained(Encoding.UTF8.GetString(Convert.FromBase64String(v[svg.Length..]))); }
        }
        foreach (Match m in CssUrl().Matches(text))
            Assert.True(m.Groups[1].Value.Trim('\'', '"', ' ').StartsWith('#'), $"external url(): {m.Value}");
        Assert.DoesNotMatch("(?i)<(script|link|iframe|object|embed)\\b", text);
        return svgs;
    }

    [Fact]
    public void TheFullReportIsSelfContainedWellFormedAndHasEverySection()
    {
        var html = ModelReportHtml.Write(f.Result);
        int figures = AssertSelfContained(html);
        var d = Parse(html);
        var sections = d.Descendants("section").Select(s => (string)s.Attribute("id")!).ToArray();
        Assert.Equal(["provenance", "accuracy", "certificate", "horizon", "learning-curve", "examples", "robustness"], sections);
        // per class, λ histogram, spectrum, horizon, learning curve, one grid per non-empty kind, one robustness figure per norm
        int grids = new[] { f.Result.Examples.RightSamples, f.Result.Examples.WrongSamples, f.Result.Examples.UnsettledSamples }.Count(a => a.Length > 0);
        Assert.Equal(5 + grids + 2, figures);
        Assert.All(d.Descendants("img"), i => Assert.False(string.IsNullOrWhiteSpace((string?)i.Attribute("alt"))));
    }

    [Fact]
    public void OptionalSectionsAreLeftOutWithoutTheirInput()
    {
        var r = f.Result with { LearningCurve = null, Robustness = [], Studies = [] };
        var html = ModelReportHtml.Write(r);
        AssertSelfContained(html);
        var sections = Parse(html).Descendants("section").Select(s => (string)s.Attribute("id")!).ToArray();
        Assert.Equal(["provenance", "accuracy", "certificate", "horizon", "examples"], sections);
        Assert.DoesNotContain("#learning-curve", html);
        Assert.DoesNotContain("#robustness", html);
    }

    [Fact]
    public void StringsFromTheModelAndItsMetadataAreEscaped()
    {
        const string evil = "<script>alert('x')</script>";
        var provenance = new SortedDictionary<string, string>(f.Result.Provenance, StringComparer.Ordinal) { ["note"] = evil, [evil] = "\"&" };
        var r = f.Result with
        {
            Model = evil, Provenance = provenance,
            Robustness = [.. f.Result.Robustness.Select(c => c with { Model = evil, Attack = "a&b<i>" })],
        };
        var html = ModelReportHtml.Write(r);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>", html);
        Assert.Contains("&lt;script&gt;", html);
        var d = Parse(html);
        Assert.Equal(evil, ById(d, "model-name").Value);
        Assert.Contains(d.Descendants("pre"), p => p.Value == evil);
    }

    [Fact]
    public void TheNumbersShownAreTheRecordsNumbers()
    {
        var r = f.Result;
        var d = Parse(ModelReportHtml.Write(r));
        Assert.Equal(r.Evaluation.Count, Value(d, "eval-count"));
        Assert.Equal(r.Evaluation.Accuracy, Value(d, "eval-h"));
        Assert.Equal(r.Evaluation.NearestAccuracy, Value(d, "eval-nearest"));
        Assert.Equal(r.Evaluation.Overlap, Value(d, "eval-overlap"));
        for (int c = 0; c < r.Evaluation.PerClass.Length; c++) Assert.Equal(r.Evaluation.PerClass[c].Accuracy, Value(d, $"class-{c}-h"));
        Assert.Equal(r.Certificate.Bound, Value(d, "cert-bound"));
        Assert.Equal(r.Certificate.MaxRealJacobian, Value(d, "cert-max-re"));
        Assert.Equal(r.Certificate.SettlingTime, Value(d, "cert-settling"));
        Assert.Equal(r.Certificate.AllAttractorsStable ? "true" : "false", (string)ById(d, "cert-stable").Attribute("data-value")!);
        for (int i = 0; i < r.Horizon.Result.Times.Length; i++) Assert.Equal(r.Horizon.Result.Accuracy[i], Value(d, $"horizon-h-{i}"));
        Assert.Equal(r.Examples.Right, Value(d, "examples-right"));
        Assert.Equal(r.Examples.Wrong, Value(d, "examples-wrong"));
        Assert.Equal(r.Examples.Unsettled, Value(d, "examples-unsettled"));
        Assert.Equal(r.LearningCurve!.FinalTrainAccuracy, Value(d, "curve-train-h"));
        for (int i = 0; i < r.Robustness.Count; i++)
            for (int j = 0; j < r.Robustness[i].Epsilons.Length; j++)
            {
                var pt = ById(d, $"robust-{i}-{j}");
                Assert.Equal(r.Robustness[i].RobustAccuracy[j], Value(d, $"robust-{i}-{j}"));
                Assert.Equal(r.Robustness[i].Epsilons[j], double.Parse((string)pt.Attribute("data-eps")!, CultureInfo.InvariantCulture));
            }
    }

    [Fact]
    public void SaveWritesTheFileAndUnwritableDestinationsAreRefusedUpFront()
    {
        var path = Path.Combine(f.Dir, "report.html");
        ModelReportHtml.CheckWritable(path);
        ModelReportHtml.Save(path, f.Result);
        Assert.Equal(ModelReportHtml.Write(f.Result), File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(f.Dir, ".basin-report-*"));
        Assert.Throws<IOException>(() => ModelReportHtml.CheckWritable(f.Dir));
        Assert.Throws<IOException>(() => ModelReportHtml.CheckWritable(Path.Combine(f.Dir, "no-such-dir", "r.html")));
    }
}
