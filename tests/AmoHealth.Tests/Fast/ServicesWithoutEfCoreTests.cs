namespace AmoHealth.Tests.Fast;

/// <summary>The Prober, the Api and the Gateway are published with NativeAOT, where EF Core does not run: none of them
/// nor Core (which they share) may use EF Core. EF Core lives in AmoHealth.Storage, which only AmoHealth.Migrator
/// runs.</summary>
[Trait("Ring", "Fast")]
public sealed class ServicesWithoutEfCoreTests
{
    [Theory]
    [InlineData(typeof(AmoHealth.Prober.ProberMarker))]
    [InlineData(typeof(AmoHealth.Api.ApiMarker))]
    [InlineData(typeof(AmoHealth.Gateway.GatewayMarker))]
    [InlineData(typeof(AmoHealth.Core.Storage.StoreConnections))]
    public void ServicesAndCoreReferenceNoEfCoreAssembly(Type marker)
    {
        var references = marker.Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();

        Assert.DoesNotContain(references, name =>
            name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain("AmoHealth.Storage", references);
        Assert.DoesNotContain("AmoHealth.Storage.Postgres", references);
    }
}
