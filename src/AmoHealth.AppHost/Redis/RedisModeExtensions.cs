using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AmoHealth.AppHost.Redis;

public static class RedisModeExtensions
{
    /// <summary>
    /// Adds Redis according to <c>Redis:Mode</c>: <c>container</c> (Aspire's Redis container),
    /// <c>executable</c> (a local <c>redis-server</c>), <c>external</c> (<c>ConnectionStrings:{name}</c>), or
    /// <c>auto</c> (default: container when a Docker engine answers, else executable).
    /// </summary>
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

    /// <summary>
    /// Runs <c>redis-server</c> on a port DCP allocates, bound to 127.0.0.1, requiring a generated password
    /// (parameter <c>{name}-password</c>), with a PING health check.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        if (FindOnPath("redis-server") is null)
        {
            throw new InvalidOperationException(
                "Redis:Mode is 'executable' (or 'auto' without a Docker engine) but redis-server is not installed. "
                + "Install it (Debian/Ubuntu: sudo apt-get install redis-server), or set Redis:Mode=container "
                + "with Docker, or Redis:Mode=external with ConnectionStrings:redis.");
        }

        // Letters and digits only: the password sits in a connection string, where ',' and '=' separate options.
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var resource = new RedisServerResource(name, builder.AppHostDirectory, password);
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
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add(string.Empty);
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--requirepass");
                context.Args.Add(password);
            })
            .WithHealthCheck(healthCheckKey);
    }

    internal static bool DockerEngineAnswers()
    {
        if (FindOnPath("docker") is null)
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

    internal static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
