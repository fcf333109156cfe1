using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Defaults every AmoHealth service shares: telemetry to the Aspire dashboard, health endpoints, service
/// discovery, resilience for ordinary HTTP clients and a <see cref="TimeProvider"/>.</summary>
public static class Extensions
{
    /// <summary>Tag on health checks that say whether the process is alive (as opposed to ready).</summary>
    public const string LiveTag = "live";

    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    /// <summary>Prometheus scrape endpoint of every service (OpenTelemetry metrics).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Adds OpenTelemetry, default health checks, service discovery, systemd integration, standard resilience
    /// for <see cref="System.Net.Http.IHttpClientFactory"/> clients and <see cref="TimeProvider.System"/>. Clients that
    /// must not retry (the probe client) remove the handlers themselves.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        // Under systemd (Type=notify): readiness and stopping are reported to it, logs go to the journal's
        // format. Does nothing anywhere else.
        builder.Services.AddSystemd();
        return builder;
    }

    /// <summary>Traces, metrics and logs, exported over OTLP when the AppHost (or the operator) sets an
    /// endpoint.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            // ASP.NET Core's request scope carries the request path (the webhook receiver's secret is in it),
            // and a scope cannot be rewritten on its way out: trace and span ids identify the request instead.
            logging.IncludeScopes = false;
            logging.AddProcessor(new AmoHealth.ServiceDefaults.Telemetry.RedactingLogProcessor());
        });
        AmoHealth.ServiceDefaults.Telemetry.ConsoleRedaction.AddConsoleRedaction(builder.Services);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("AmoHealth.*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                // First processor: every exporter after it sees spans with URL secrets masked.
                .AddProcessor(new AmoHealth.ServiceDefaults.Telemetry.RedactingSpanProcessor())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("AmoHealth.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes and the long-lived stream would drown real requests.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthPath)
                        && !context.Request.Path.StartsWithSegments(AlivePath)
                        && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Registers a liveness check tagged <see cref="LiveTag"/>; services add their readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (every check must pass: ready for traffic), <c>/alive</c> (liveness only) and
    /// <c>/metrics</c> (Prometheus text format). Health stays reachable in production: the deploy gate and systemd
    /// watch it.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
