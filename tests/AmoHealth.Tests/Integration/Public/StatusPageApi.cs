using AmoHealth.Api;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Public;

/// <summary>An Api over a seeded file, on a clock that stands still unless the test moves it: the snapshot cache's
/// lifetime never runs out by itself.</summary>
public static class StatusPageApi
{
    public static WebApplicationFactory<ApiMarker> Start(
        TempDatabase database, TimeProvider clock, Dictionary<string, string> settings, string? redis = null) =>
        new ApiHost(database.Path, redis, settings: settings).WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.AddSingleton(clock)));
}
