using AmoHealth.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AmoHealth.AppHost.Postgres;

public static class PostgresModeExtensions
{
    /// <summary>The connection string the Prober and Api read (<c>ConnectionStrings:amohealth</c>).</summary>
    public const string StorageConnectionName = "amohealth";

    private const string PortPlaceholder = "{port}";

    /// <summary>
    /// Adds the AmoHealth database according to <c>Postgres:Mode</c>: <c>container</c> (Aspire's PostgreSQL
    /// container), <c>executable</c> (a local server in <paramref name="dataDirectory"/>), <c>external</c>
    /// (<c>ConnectionStrings:amohealth</c>), or <c>auto</c> (default: container when a Docker engine answers,
    /// else executable).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddAmoHealthPostgres(
        this IDistributedApplicationBuilder builder, string database, string dataDirectory)
    {
        var mode = (builder.Configuration["Postgres:Mode"] ?? "auto").Trim().ToLowerInvariant();
        if (mode == "auto")
        {
            mode = Redis.RedisModeExtensions.DockerEngineAnswers() ? "container" : "executable";
        }

        return mode switch
        {
            "container" => builder.AddPostgres("postgres").AddDatabase(StorageConnectionName, database),
            "executable" => builder.AddPostgresServer("postgres", database, dataDirectory),
            "external" => builder.AddConnectionString(StorageConnectionName),
            _ => throw new InvalidOperationException(
                $"Postgres:Mode must be auto, container, executable or external; got '{mode}'."),
        };
    }

    /// <summary>The Migrator and the Prober: the owner's connection string, and, on the AppHost's own server,
    /// <c>Storage:ReadRole</c> so that the Migrator grants the Api's role SELECT after migrating.</summary>
    public static IResourceBuilder<ProjectResource> WithPostgresWriter(
        this IResourceBuilder<ProjectResource> prober, IResourceBuilder<IResourceWithConnectionString> database)
    {
        prober.WithReference(database, StorageConnectionName)
            .WaitFor(database)
            .WithEnvironment("Storage__Provider", "postgres");
        return database.Resource is PostgresServerResource
            ? prober.WithEnvironment("Storage__ReadRole", LocalPostgres.ReadRole)
            : prober;
    }

    /// <summary>The Api: on the AppHost's own server, the read role's connection string (SELECT only); on a container
    /// or an external server, the same connection as the Prober (sessions read-only all the same).</summary>
    public static IResourceBuilder<ProjectResource> WithPostgresReader(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<IResourceWithConnectionString> database)
    {
        api.WaitFor(database).WithEnvironment("Storage__Provider", "postgres");
        return database.Resource is PostgresServerResource server
            ? api.WithEnvironment($"ConnectionStrings__{StorageConnectionName}", server.ReadConnectionStringExpression)
            : api.WithReference(database, StorageConnectionName);
    }

    /// <summary>
    /// Runs the machine's PostgreSQL on a port DCP allocates, bound to 127.0.0.1, with its cluster created in
    /// <paramref name="dataDirectory"/> on first use and a health check that opens a session.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, string database, string dataDirectory)
    {
        var bin = LocalPostgres.FindBinDirectory(builder.Configuration["Postgres:BinDirectory"]);
        LocalPostgres.EnsureCluster(bin, dataDirectory);
        // "{port}" becomes the port DCP allocates (WithArgs below).
        var command = LocalPostgres.ServerCommand(bin, dataDirectory, PortPlaceholder);
        var resource = new PostgresServerResource(name, command.FileName, builder.AppHostDirectory, database);
        var healthCheckKey = $"{name}_session";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async cancellationToken =>
        {
            try
            {
                var endpoint = resource.PrimaryEndpoint;
                await using var connection = new NpgsqlConnection(
                    LocalPostgres.ConnectionString(endpoint.Port, "postgres") + ";Pooling=false;Timeout=3");
                await connection.OpenAsync(cancellationToken);
                // Healthy only once the Api's read role exists: the Migrator grants it SELECT when it migrates.
                await LocalPostgres.EnsureReadRoleAsync(connection, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not accepting sessions yet", ex);
            }
        });

        return builder.AddResource(resource)
            .WithEndpoint(name: PostgresServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                foreach (var argument in command.Arguments)
                {
                    context.Args.Add(argument == PortPlaceholder
                        ? resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)
                        : argument);
                }
            })
            .WithHealthCheck(healthCheckKey);
    }
}
