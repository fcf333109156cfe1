using System.Reflection;

namespace AmoHealth.Tests.Fast;

/// <summary>Every test class sits in the folder of its ring and carries that ring's trait, so <c>dotnet test --filter
/// Ring=Fast</c> runs the in-process tests in seconds.</summary>
[Trait("Ring", "Fast")]
public sealed class TestRingsTests
{
    private static readonly Dictionary<string, string> Rings = new(StringComparer.Ordinal)
    {
        ["AmoHealth.Tests.Fast"] = "Fast",
        ["AmoHealth.Tests.Integration"] = "Integration",
        ["AmoHealth.Tests.E2E"] = "EndToEnd",
    };

    [Fact]
    public void EachTestClassIsInARingFolderAndCarriesItsTrait()
    {
        var testClasses = typeof(TestRingsTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods()
                .Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .ToList();

        Assert.NotEmpty(testClasses);
        Assert.All(testClasses, type =>
        {
            var ring = Rings.FirstOrDefault(r => type.Namespace == r.Key
                || type.Namespace!.StartsWith(r.Key + ".", StringComparison.Ordinal));
            Assert.True(ring.Value is not null, $"{type.FullName} is in no ring folder (Fast, Integration, E2E)");
            var traits = type.GetCustomAttributesData()
                .Where(a => a.AttributeType == typeof(TraitAttribute))
                .Select(a => ((string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[1].Value!))
                .ToList();
            Assert.True(traits.Contains(("Ring", ring.Value)),
                $"{type.FullName} needs [Trait(\"Ring\", \"{ring.Value}\")]");
        });
    }
}
