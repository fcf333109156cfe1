using System.Text.RegularExpressions;
using AmoHealth.Tests.Infrastructure;
using AmoHealth.Tests.E2E.Browser;

namespace AmoHealth.Tests.Fast;

/// <summary>The Prober's folders are its stages (Scheduling, Cluster, Probes, Evaluation, Alerting, Persistence,
/// OnCall, Publishing, Diagnostics, Configuration) and depend on each other one way only. Read from the sources: a
/// file depends on a stage when it names one of its namespaces (a using, a qualified or a partly qualified name).
/// Extensions (the composition root) and Program.cs may name every stage.</summary>
[Trait("Ring", "Fast")]
public sealed partial class ProberLayoutTests
{
    private static readonly string Root = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "AmoHealth.Prober");

    private static readonly string[] Stages =
        ["Scheduling", "Cluster", "Probes", "Evaluation", "Alerting", "OnCall", "Persistence", "Publishing",
            "Diagnostics", "Configuration", "Slo"];

    [Fact]
    public void EveryFileLivesInAStageFolderThatMatchesItsNamespace()
    {
        foreach (var file in SourceFiles())
        {
            var stage = StageOf(file);
            Assert.True(stage is not null || Path.GetFileName(Path.GetDirectoryName(file)) is "Extensions"
                || Path.GetFileName(file) == "Program.cs",
                $"{Relative(file)} is in no stage folder");
            var declared = NamespacePattern().Match(File.ReadAllText(file));
            if (declared.Success)
            {
                var expected = "AmoHealth.Prober." + Path.GetRelativePath(Root, Path.GetDirectoryName(file)!)
                    .Replace('/', '.');
                Assert.True(declared.Groups[1].Value == expected,
                    $"{Relative(file)} declares {declared.Groups[1].Value}, expected {expected}");
            }
        }
    }

    [Fact]
    public void StagesDependOnEachOtherWithoutACycle()
    {
        var edges = Stages.ToDictionary(s => s, _ => new Dictionary<string, string>(StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            if (StageOf(file) is not { } from)
            {
                continue;
            }

            var text = CommentPattern().Replace(File.ReadAllText(file), string.Empty);
            foreach (var to in Stages.Where(s => s != from && Names(text, s)))
            {
                edges[from].TryAdd(to, Relative(file));
            }
        }

        var cycle = FindCycle(edges);
        Assert.True(cycle is null, cycle is null ? null : "A cycle between the Prober's stages: "
            + string.Join(" -> ", cycle.Select(
            (stage, i) => i + 1 < cycle.Count ? $"{stage} ({edges[stage][cycle[i + 1]]})" : stage)));
    }

    private static bool Names(string text, string stage) =>
        text.Contains($"AmoHealth.Prober.{stage}", StringComparison.Ordinal)
        || Regex.IsMatch(text, $@"(?<![\w.]){stage}\.[A-Z]");

    private static List<string>? FindCycle(Dictionary<string, Dictionary<string, string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges[node].Keys)
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return Stages.Where(s => state.GetValueOrDefault(s) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string? StageOf(string file)
    {
        var first = Path.GetRelativePath(Root, file).Split('/')[0];
        return Stages.Contains(first) ? first : null;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/bin/", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(Root, file);

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();
}
