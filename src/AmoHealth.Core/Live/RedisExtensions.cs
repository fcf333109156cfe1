using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AmoHealth.Core.Live;

public static class RedisExtensions
{
    /// <summary>Name of the connection string (<c>ConnectionStrings:redis</c>), as the AppHost provides it.</summary>
    public const string ConnectionName = "redis";

    /// <summary>Registers a shared <see cref="IConnectionMultiplexer"/> when <c>ConnectionStrings:redis</c> is set and
    /// returns whether it was. The connection never fails the start: live updates resume when Redis answers.</summary>
    public static bool AddLiveRedis(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        return true;
    }

    /// <summary>
    /// Registers <see cref="LiveInput"/>, which counts dropped Redis messages on the service's own meter
    /// (<paramref name="meterName"/>, e.g. <c>AmoHealth.Prober</c>: the factory hands out one meter per name).
    /// </summary>
    public static IServiceCollection AddLiveInput(this IServiceCollection services, string meterName) =>
        services.AddSingleton(sp => new LiveInput(
            sp.GetRequiredService<IMeterFactory>().Create(meterName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LiveInput>>()));
}
