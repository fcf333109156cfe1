using AmoHealth.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Api in-process on a given SQLite file and (optionally) a real Redis.</summary>
public sealed class ApiHost(string databasePath, string? redis, int heartbeatSeconds = 15) : WebApplicationFactory<ApiMarker>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", databasePath);
        builder.UseSetting("Stream:HeartbeatSeconds", heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (redis is not null)
        {
            builder.UseSetting("ConnectionStrings:redis", redis);
        }
    }
}
