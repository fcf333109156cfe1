using AmoHealth.Core.Storage;
using AmoHealth.Prober;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The whole Prober process in-process (its own DI, hosted services and SQLite file), watching a simulator. As in
/// production, the migrate step runs first (before any of the Prober's hosted services), unless
/// <paramref name="migrate"/> is false: then the Prober meets the store as it is.
/// </summary>
public sealed class ProberHost(
    Dictionary<string, string> settings, Action<IServiceCollection>? services = null, bool migrate = true)
    : WebApplicationFactory<ProberMarker>
{
    /// <summary>
    /// A Prober watching <paramref name="simulator"/> with its test token, storing into
    /// <paramref name="database"/>, and the given settings on top.
    /// </summary>
    public static ProberHost For(
        SimulatorHost simulator, TempDatabase database, Dictionary<string, string> settings,
        Action<IServiceCollection>? services = null, bool migrate = true)
    {
        var all = new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = simulator.BaseUri.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = SimulatorHost.Token,
            ["Monitor:MaxRequestsPerSecond"] = "5",
            ["Storage:Path"] = database.Path,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ProberHost(all, services, migrate);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (migrate)
        {
            // First of all hosted services, as systemd's amohealth-migrate unit and the AppHost run the Migrator first.
            builder.ConfigureServices(s => s.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateFirst>()));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

/// <summary>The migrate step (what AmoHealth.Migrator runs) on the Prober's own storage settings.</summary>
internal sealed class MigrateFirst(IOptions<StorageOptions> storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ITestStore.MigrateAsync(storage.Value);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
