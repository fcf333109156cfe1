using AmoHealth.Api.Limits;
using AmoHealth.Api.Live;
using AmoHealth.Api.OnCall;
using AmoHealth.Api.Public;
using AmoHealth.Api.Slo;
using AmoHealth.Api.Status;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using AmoHealth.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Extensions;

public static class Extensions
{
    /// <summary>The Api's one meter (dropped Redis messages are counted on it).</summary>
    public const string MeterName = "AmoHealth.Api";

    /// <summary>Read-only storage, the status reader, the Redis-fed hub and problem details for errors.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddAmoHealthStore(readOnly: true);
        services.AddLiveInput(MeterName);
        if (builder.AddLiveRedis())
        {
            services.AddSingleton<IStatusSubscriber, RedisStatusSubscriber>();
        }
        else
        {
            services.AddSingleton<IStatusSubscriber, NoStatusSubscriber>();
        }

        // Only source-generated metadata, under JIT as under NativeAOT: a type missing from the context fails tests.
        services.ConfigureHttpJsonOptions(
            json => json.SerializerOptions.TypeInfoResolver = Apis.ApiJsonContext.Default);
        services.AddProblemDetails();
        services.AddClientLimits();
        services.AddOpenApi(ApiDocs.DocumentName, options => options
            .AddSchemaTransformer(ApiSchemas.AddEnumAsync)
            .AddDocumentTransformer(ApiSchemas.AddComponentsAsync)
            .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AmoHealth API";
            document.Info.Description = "Status, history, incidents and statistics of the amoCRM checks. " +
                "Times are Unix milliseconds. `/api/stream` is Server-Sent Events: unnamed `status_update` " +
                "messages in the seed's shape, named `incident_opened`, `incident_closed` and `heartbeat` events.";
            // Relative to the page: the Api's loopback address means nothing to a browser behind the Gateway.
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));
        services.AddSingleton<StatusReader>();
        services.AddSingleton<StreamCatchUp>();
        services.AddSingleton<Queries.HistoryReader>();
        services.AddSingleton<Queries.IncidentReader>();
        services.AddSingleton<Queries.StatsReader>();
        services.AddSingleton<Queries.SilenceReader>();
        services.AddSingleton<Queries.MaintenanceReader>();
        services.AddOnCallActions();
        services.AddPublicPages();
        services.AddSlo();
        services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamOptions>, StreamOptionsValidator>();
        services.AddOptions<Info.DashboardOptions>()
            .BindConfiguration(Info.DashboardOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // The seed's CHECK_INTERVAL, when set, is the interval (as the Prober reads it).
                if (int.TryParse(configuration["CHECK_INTERVAL"], out var interval))
                {
                    options.CheckIntervalMs = interval;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Info.DashboardOptions>, Info.DashboardOptionsValidator>();
        services.AddSingleton<Freshness>();
        services.AddHealthChecks().AddCheck<Freshness>("results-current");
        // The last-resort "not probing" alert goes out through the Prober's channels (the same Notifications:*
        // settings and seed MATTERMOST_WEBHOOK_URL). A hidden retry could post it twice: the watch retries visibly.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(NotifierHttp.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddAlertChannels(builder.Configuration);
        services.AddOptions<MattermostOptions>().PostConfigure<IConfiguration>((o, configuration) =>
            o.Url = configuration["MATTERMOST_WEBHOOK_URL"] is { Length: > 0 } seed ? seed : o.Url);
        services.AddChannelChecks(SecretRedaction.Register, SecretRedaction.RegisterUrl);
        services.AddHostedService<SilenceWatch>();
        services.AddSingleton<StatusHub>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusHub>());
        return builder;
    }
}
