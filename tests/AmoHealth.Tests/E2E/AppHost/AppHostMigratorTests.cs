using AmoHealth.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>The AppHost runs the migrate step as a resource of its own, and no Prober starts before it has
/// completed.</summary>
[Trait("Ring", "EndToEnd")]
public sealed class AppHostMigratorTests
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid()
        .ToString("N"), "demo.db");

    [Fact]
    public async Task TheMigratorGetsTheProbersStoragePathAndTheProberWaitsForItsCompletion()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable", $"Storage:Path={_database}"]);

        var migrator = builder.Resources.Single(r => r.Name == ResourceNames.Migrator);
        var prober = builder.Resources.Single(r => r.Name == ResourceNames.Prober);

        Assert.Equal(_database, (await EnvironmentAsync(migrator))["Storage__Path"]);
        Assert.Equal((await EnvironmentAsync(prober))["Storage__Path"],
            (await EnvironmentAsync(migrator))["Storage__Path"]);
        Assert.Contains(prober.Annotations.OfType<WaitAnnotation>(), w => w.Resource == migrator
            && w.WaitType == WaitType.WaitForCompletion);
    }

    [Fact]
    public async Task OnPostgresTheMigratorGetsTheProbersProviderAndConnection()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AmoHealth_AppHost>(
            ["Redis:Mode=executable", "Storage:Provider=postgres", "Postgres:Mode=external",
             "ConnectionStrings:amohealth=Host=127.0.0.1;Database=amohealth;Username=amohealth",
                 $"Storage:Path={_database}"]);

        var migrator = await EnvironmentAsync(builder.Resources.Single(r => r.Name == ResourceNames.Migrator));
        var prober = await EnvironmentAsync(builder.Resources.Single(r => r.Name == ResourceNames.Prober));

        Assert.Equal("postgres", migrator["Storage__Provider"]);
        Assert.Equal(prober["ConnectionStrings__amohealth"], migrator["ConnectionStrings__amohealth"]);
    }

    private static async Task<Dictionary<string, string>> EnvironmentAsync(IResource resource)
    {
        // Publish: every value as written, without allocating endpoints or starting anything.
#pragma warning disable CS0618 // its replacement needs a running app's execution context
        return await ((IResourceWithEnvironment)resource)
            .GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
    }
}
