namespace AmoHealth.Tests.Fast;

/// <summary>
/// The Api is published with NativeAOT, where EF Core does not run: neither it nor Core (which it shares with the
/// Prober) may use EF Core; the Prober's EF Core lives in AmoHealth.Storage.
/// </summary>
[Trait("Ring", "Fast")]
public sealed class ApiWithoutEfCoreTests
{
    [Theory]
    [InlineData(typeof(AmoHealth.Api.ApiMarker))]
    [InlineData(typeof(AmoHealth.Core.Storage.StoreConnections))]
    public void TheApiAndCoreReferenceNoEfCoreAssembly(Type marker)
    {
        var references = marker.Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain("AmoHealth.Storage", references);
        Assert.DoesNotContain("AmoHealth.Storage.Postgres", references);
    }
}
