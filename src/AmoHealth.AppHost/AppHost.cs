using System.Globalization;
using System.Security.Cryptography;
using AmoHealth.AppHost;
using AmoHealth.Core.Configuration;
using AmoHealth.AppHost.Postgres;
using AmoHealth.AppHost.Redis;
using AmoHealth.ServiceDefaults;

// The Aspire dashboard is anonymous in demo mode only; with a real account it asks for its browser token.
var builder = DistributedApplication.CreateBuilder(LocalAccess.WithDashboardAccess(args));

// A configuration the Prober would refuse stops everything here, at once, with the Prober's own words:
// otherwise the Prober dies at start while the Gateway waits for it forever.
foreach (var (given, meant) in SeedRules.Typos(Environment.GetEnvironmentVariables().Keys.Cast<string>()))
{
    Console.Error.WriteLine($"AmoHealth: warning: the environment variable {given} is not used; did you mean {meant}?");
}

var (scale, scaleProblems) = ScaleSettings.From(builder.Configuration);
if (SeedRules.Problems(key => builder.Configuration[key]).Concat(scaleProblems).ToList() is { Count: > 0 } problems)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"AmoHealth: {problem}");
    }

    return 1;
}

var settings = SeedSettings.From(builder.Configuration, builder.AppHostDirectory);

// Infrastructure: Redis carries live status from the Prober to every Api instance.
var redis = builder.AddLiveRedis(ResourceNames.Redis);

// The migrate step: brings the schema up to date with the Prober's storage settings, then exits; every Prober
// waits for it to complete (the Prober never migrates).
var migrator = builder.AddProject<Projects.AmoHealth_Migrator>(ResourceNames.Migrator)
    .WithEnvironment("Storage__Path", settings.DatabasePath);

// Services: the Prober writes; the Api reads and streams.
var prober = builder.AddProject<Projects.AmoHealth_Prober>(ResourceNames.Prober)
    .WithReference(redis)
    .WaitFor(redis)
    .WaitForCompletion(migrator)
    .WithEnvironment("Storage__Path", settings.DatabasePath)
    .WithSeedVariables(settings)
    .WithReplicas(scale.Probers)
    .WithHttpHealthCheck("/health");


var api = builder.AddProject<Projects.AmoHealth_Api>(ResourceNames.Api)
    .WithReference(redis)
    .WaitFor(redis)
    .WaitFor(prober)
    // People's actions (acknowledge, silence, notes, maintenance) go to the Prober, the single writer.
    .WithReference(prober)
    .WithEnvironment("Storage__Path", settings.DatabasePath)
    .WithReplicas(scale.Apis)
    .WithHttpHealthCheck("/health");

if (scale.Postgres)
{
    // One PostgreSQL for every Prober and Api; without Docker, a local server in .data/pg (beside the SQLite files).
    var database = builder.AddAmoHealthPostgres(
        settings.DemoMode ? "amohealth_demo" : "amohealth",
        Path.Combine(Path.GetDirectoryName(settings.DatabasePath)!, "pg"));
    // The Migrator owns the schema, the Prober writes; the Api logs in as a role that may only SELECT.
    migrator.WithPostgresWriter(database);
    prober.WithPostgresWriter(database);
    api.WithPostgresReader(database);
}
if (settings.CheckInterval is { } checkInterval)
{
    api.WithEnvironment("CHECK_INTERVAL", checkInterval);
}

// Gateway: the only public entry, on PORT (3001 by default, as in the seed).
var gateway = builder.AddProject<Projects.AmoHealth_Gateway>(ResourceNames.Gateway)
    .WithReference(api)
    .WithReference(prober)
    .WaitFor(api)
    .WithEndpoint("http", endpoint => endpoint.Port = settings.GatewayPort ?? endpoint.Port)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

if (settings.DemoMode)
{
    // No amoCRM configured: watch the Simulator, alert into its fake Mattermost. Its webhooks and Digital
    // Pipeline action reach the Prober's receiver through the Gateway, as amoCRM's would through Nginx.
    if (settings.MattermostWebhookUrl is not null)
    {
        Console.Error.WriteLine("AmoHealth: demo mode: MATTERMOST_WEBHOOK_URL is not used; alerts go to the "
            + "simulator's Mattermost (/__sim/mattermost/messages). Set AMOCRM_DOMAIN and AMOCRM_ACCESS_TOKEN to watch "
            + "a real account.");
    }

    var demoToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    var hookSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    var gatewayUrl = gateway.GetEndpoint("http");
    var simulator = builder.AddProject<Projects.AmoHealth_Simulator>(ResourceNames.Simulator)
        .WithEnvironment("Simulator__AccessTokens__0", demoToken)
        .WithEnvironment(
            $"Simulator__DpActions__{Demo.DpStageId}",
            ReferenceExpression.Create($"{gatewayUrl}/hooks/amocrm/{hookSecret}?account={Demo.Account}&probe=dp"))
        .WithHttpHealthCheck("/health");
    var simulatorUrl = simulator.GetEndpoint("http");
    api.WithEnvironment("Dashboard__Demo", "true")
        .WithEnvironment("PUBLIC_URL", gatewayUrl)
        // The demo account's public status page, so the first command shows it too.
        .WithEnvironment($"StatusPages__{Demo.StatusPage}__Account", Demo.Account)
        // The Api alerts when the Prober falls silent (the one alert the Prober cannot send).
        .WithEnvironment("MATTERMOST_WEBHOOK_URL", ReferenceExpression.Create($"{simulatorUrl}/hooks/demo"));
    prober
        .WithEnvironment("AMOCRM_DOMAIN", simulatorUrl)
        .WithEnvironment("AMOCRM_ACCESS_TOKEN", demoToken)
        .WithEnvironment("Monitor__Account", Demo.Account)
        .WithEnvironment("MATTERMOST_WEBHOOK_URL", ReferenceExpression.Create($"{simulatorUrl}/hooks/demo"))
        .WithEnvironment("PUBLIC_URL", gatewayUrl)
        .WithEnvironment("Monitor__HookSecret", hookSecret)
        .WithEnvironment("Monitor__DpStageId", Demo.DpStageId.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Monitor__DpReturnStageId", Demo.DpReturnStageId.ToString(CultureInfo.InvariantCulture))
        .WaitFor(simulator);
}
else
{
    prober.WithAmoCrmAccount(builder, settings);
    if (settings.PublicUrl is { } publicUrl)
    {
        api.WithEnvironment("PUBLIC_URL", publicUrl);
    }

    api.WithSilenceAlerts(builder, settings);
    // A real account's data is behind a sign-in even on a developer's machine.
    gateway.WithSignIn(builder, settings);
}

builder.Build().Run();
return 0;
