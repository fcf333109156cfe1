using AmoHealth.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Api in-process on a given SQLite file and (optionally) a real Redis, with settings on top.</summary>
public sealed class ApiHost(
    string databasePath, string? redis, int heartbeatSeconds = 15, Dictionary<string, string>? settings = null)
    : WebApplicationFactory<ApiMarker>
{
    private bool _listening;

    /// <summary>Serves on a real loopback port (for a Gateway or Nginx in front) and returns its address.</summary>
    public Uri Listen()
    {
        _listening = true;
        UseKestrel();
        StartServer();
        return new Uri(
            Services.GetRequiredService<IServer>()
                .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", databasePath);
        builder.UseSetting(
            "Stream:HeartbeatSeconds", heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_listening)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }

        if (redis is not null)
        {
            builder.UseSetting("ConnectionStrings:redis", redis);
        }

        foreach (var (key, value) in settings ?? [])
        {
            builder.UseSetting(key, value);
        }
    }
}
