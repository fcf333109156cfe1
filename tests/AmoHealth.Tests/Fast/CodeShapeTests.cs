using System.Text.RegularExpressions;
using AmoHealth.Tests.Infrastructure;
using AmoHealth.Tests.E2E.Browser;

namespace AmoHealth.Tests.Fast;

/// <summary>Rooms small enough to read: no C# file over 250 lines nor line over 120 characters (migrations aside),
/// the dashboard's App within 150, one definition of success.</summary>
[Trait("Ring", "Fast")]
public sealed class CodeShapeTests
{
    private static readonly string Repo = BrowserFixture.RepositoryRoot();

    [Fact]
    public void NoCSharpFileIsLongerThan250Lines()
    {
        var tooLong = CSharpFiles()
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Repo, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 250)
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong.Select(f => $"{f.File}: {f.Lines} lines")));
    }

    [Fact]
    public void NoCSharpLineIsLongerThan120Characters()
    {
        var tooLong = CSharpFiles()
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, line.Length)))
            .Where(l => l.Length > 120)
            .Select(l => $"{Path.GetRelativePath(Repo, l.File)}:{l.Line}: {l.Length} characters")
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong.Take(40)));
    }

    [Fact]
    public void TheDashboardsAppStaysWithin150Lines()
    {
        var app = Path.Combine(Repo, "src", "AmoHealth.Gateway", "ClientApp", "src", "App.tsx");

        Assert.InRange(File.ReadLines(app).Count(), 1, 150);
    }

    [Fact]
    public void WhatCountsAsSuccessIsWrittenOnce()
    {
        var pattern = new Regex(@"Outcome\.Up\s+or\s+Outcome\.Degraded|Outcome\.Degraded\s+or\s+Outcome\.Up");
        var places = CSharpFiles().Where(f => pattern.IsMatch(File.ReadAllText(f))).Select(f => Path.GetFileName(f))
            .ToList();

        Assert.Equal(["OutcomeNames.cs"], places);
    }

    private static IEnumerable<string> CSharpFiles() =>
        new[] { "src", "tests", "bench" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repo, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                && !f.Contains("/node_modules/", StringComparison.Ordinal));
}
