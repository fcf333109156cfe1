using AmoHealth.Prober.Extensions;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.ServiceDefaults.Access;

if (args is [SqliteToPostgresCopy.Command, var sqlitePath, ..])
{
    // A one-off: copy a SQLite history into PostgreSQL (ConnectionStrings:amohealth from the usual configuration).
    var configuration = new ConfigurationBuilder()
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args[2..])
        .Build();
    return await SqliteToPostgresCopy.RunAsync(
        sqlitePath, configuration.GetConnectionString(AmoHealth.Core.Storage.StorageOptions.ConnectionName), Console.Out, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalAccess();
builder.AddProberServices();

var app = builder.Build();

app.UseInternalAccess();
app.MapDefaultEndpoints();
app.MapHookReceiver();

app.Run();
return 0;

namespace AmoHealth.Prober
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class ProberMarker;
}
