using System.Diagnostics;
using AmoHealth.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AmoHealth.AppHost.Redis;

public static class RedisModeExtensions
{
    private const string PortPlaceholder = "{port}";

    private const string PasswordPlaceholder = "{password}";

    /// <summary>Adds Redis according to <c>Redis:Mode</c>: <c>container</c> (Aspire's Redis container),
    /// <c>executable</c> (a local <c>redis-server</c>), <c>external</c> (<c>ConnectionStrings:{name}</c>), or
    /// <c>auto</c> (default: container when a Docker engine answers, else executable).</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddLiveRedis(
        this IDistributedApplicationBuilder builder, string name)
    {
        var mode = (builder.Configuration["Redis:Mode"] ?? "auto").Trim().ToLowerInvariant();
        return mode switch
        {
            "container" => builder.AddRedis(name),
            "executable" => builder.AddRedisServer(name),
            "external" => builder.AddConnectionString(name),
            "auto" => DockerEngineAnswers() ? builder.AddRedis(name) : builder.AddRedisServer(name),
            _ => throw new InvalidOperationException(
                $"Redis:Mode must be auto, container, executable or external; got '{mode}'."),
        };
    }

    /// <summary>Runs <c>redis-server</c> on a port DCP allocates, bound to 127.0.0.1, requiring a generated password
    /// (parameter <c>{name}-password</c>), with a PING health check.</summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(
        this IDistributedApplicationBuilder builder, string name)
    {
        // The placeholders become DCP's port and the password parameter below.
        var command = LocalRedis.ServerCommand(PortPlaceholder, PasswordPlaceholder);

        // Letters and digits only: the password sits in a connection string, where ',' and '=' separate options.
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(
            builder, $"{name}-password", special: false);
        var resource = new RedisServerResource(name, command.FileName, builder.AppHostDirectory, password);
        var healthCheckKey = $"{name}_ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async cancellationToken =>
        {
            try
            {
                var endpoint = resource.PrimaryEndpoint;
                var secret = await password.GetValueAsync(cancellationToken);
                return await RedisPing.PingAsync(endpoint.Host, endpoint.Port, secret, cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("redis-server did not answer PING");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("redis-server is not reachable", ex);
            }
        });

        return builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                foreach (var argument in command.Arguments)
                {
                    context.Args.Add(argument switch
                    {
                        PortPlaceholder => resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort),
                        PasswordPlaceholder => password,
                        _ => argument,
                    });
                }
            })
            .WithHealthCheck(healthCheckKey);
    }

    internal static bool DockerEngineAnswers()
    {
        if (LocalPrograms.FindOnPath("docker") is null)
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
