using System.Security.Cryptography;
using AmoHealth.AppHost;
using AmoHealth.AppHost.Redis;
using AmoHealth.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);
var settings = SeedSettings.From(builder.Configuration, builder.AppHostDirectory);

// Infrastructure: Redis carries live status from the Prober to every Api instance.
var redis = builder.AddLiveRedis(ResourceNames.Redis);

// Services: the Prober owns the SQLite schema and writes; the Api reads and streams.
var prober = builder.AddProject<Projects.AmoHealth_Prober>(ResourceNames.Prober)
    .WithReference(redis)
    .WaitFor(redis)
    .WithEnvironment("Storage__Path", settings.DatabasePath)
    .WithSeedVariables(settings)
    .WithHttpHealthCheck("/health");

if (settings.DemoMode)
{
    // No amoCRM configured: watch the Simulator, alert into its fake Mattermost.
    var demoToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    var simulator = builder.AddProject<Projects.AmoHealth_Simulator>(ResourceNames.Simulator)
        .WithEnvironment("Simulator__AccessTokens__0", demoToken)
        .WithHttpHealthCheck("/health");
    var simulatorUrl = simulator.GetEndpoint("http");
    prober
        .WithEnvironment("AMOCRM_DOMAIN", simulatorUrl)
        .WithEnvironment("AMOCRM_ACCESS_TOKEN", demoToken)
        .WithEnvironment("Monitor__Account", "demo")
        .WithEnvironment("MATTERMOST_WEBHOOK_URL", ReferenceExpression.Create($"{simulatorUrl}/hooks/demo"))
        .WaitFor(simulator);
}
else
{
    prober.WithAmoCrmAccount(builder, settings);
}

var api = builder.AddProject<Projects.AmoHealth_Api>(ResourceNames.Api)
    .WithReference(redis)
    .WaitFor(redis)
    .WaitFor(prober)
    .WithEnvironment("Storage__Path", settings.DatabasePath)
    .WithHttpHealthCheck("/health");

// Gateway: the only public entry, on PORT (3001 by default, as in the seed).
builder.AddProject<Projects.AmoHealth_Gateway>(ResourceNames.Gateway)
    .WithReference(api)
    .WithReference(prober)
    .WaitFor(api)
    .WithEndpoint("http", endpoint => endpoint.Port = settings.GatewayPort ?? endpoint.Port)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
