using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Live;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Cluster;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Diagnostics;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.OnCall.Buttons;
using AmoHealth.Prober.OnCall;
using AmoHealth.Prober.Persistence;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using AmoHealth.Prober.Publishing;
using AmoHealth.Prober.Scheduling;
using AmoHealth.Prober.Slo;
using AmoHealth.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Extensions;

public static class Extensions
{
    /// <summary>Storage, configuration, the five probes, the scheduler, the writer and the live publisher.</summary>
    public static IHostApplicationBuilder AddProberServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddAmoHealthStore();
        // First hosted service: every hosted service registered after it starts once the schema is current.
        services.AddHostedService<DatabaseInitializer>();
        // Who probes what: everything on SQLite; on PostgreSQL the accounts are shared out by leases.
        var shared = builder.Configuration.GetValue($"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}",
            StorageProvider.Sqlite)
            == StorageProvider.Postgres;
        if (shared)
        {
            services.AddSingleton<LeaseOwnership>();
            services.AddSingleton<IOwnership>(sp => sp.GetRequiredService<LeaseOwnership>());
            services.AddHostedService<LeaseKeeper>();
        }
        else
        {
            services.AddSingleton<IOwnership, SoleOwnership>();
        }

        services.AddSingleton<RetentionService>();
        services.AddSingleton<ProberMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());

        services.AddMonitorOptions();

        // RemoveAllResilienceHandlers is marked experimental, but it is the supported way to undo the defaults.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(ProbeClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(TimedConnection.CreateUntimedHandler)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Retries would hide outages and distort latency; the state machine re-checks visibly instead.
            .RemoveAllResilienceHandlers();
        // The outbox dispatcher retries visibly and durably; a hidden retry here could post an alert twice.
        services.AddHttpClient(NotifierHttp.HttpClientName).RemoveAllResilienceHandlers();
        // A retried refresh would spend a single-use refresh token twice.
        services.AddHttpClient(TokenSources.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<ProbeClient>();
        services.AddSingleton<AccountGuard.Registry>();
        services.AddSingleton<TestLeads>();
        services.AddSingleton<Notices>();
        services.AddSingleton<IStateFence, OwnershipStateFence>();
        services.AddSingleton<ProbeStateStore>();
        services.AddSingleton<TokenSources>();
        services.AddHostedService<TokenExpiryRecorder>();
        services.AddHostedService<ReceiverHints>();
        services.AddSingleton<Heartbeat>();
        services.AddSingleton<ProbeLoopHealth>();
        services.AddHealthChecks().AddCheck<ProbeLoopHealth>("probe-loop");
        services.AddSingleton<DeliveryWaiters>();
        services.AddSingleton<EndToEnd>();

        services.AddProbing()
            .AddProbe<GetProbe>()
            .AddProbe<PostProbe>()
            .AddProbe<WebProbe>()
            .AddProbe<HookProbe>()
            .AddProbe<DpProbe>();

        services.AddSingleton<ResultChannel>();
        if (builder.AddLiveRedis())
        {
            services.AddLiveInput(ProberMetrics.MeterName);
            services.AddSingleton<RedisStatusPublisher>();
            services.AddSingleton<IStatusPublisher>(sp => sp.GetRequiredService<RedisStatusPublisher>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisStatusPublisher>());
        }
        else
        {
            services.AddSingleton<IStatusPublisher, NullStatusPublisher>();
        }

        // Webhooks land on any Prober; with several, one nobody here waits for is passed on over Redis.
        if (shared && services.Any(s => s.ServiceType == typeof(StackExchange.Redis.IConnectionMultiplexer)))
        {
            services.AddSingleton<RedisDeliveryRelay>();
            services.AddSingleton<IDeliveryRelay>(sp => sp.GetRequiredService<RedisDeliveryRelay>());
            // Whatever the relay meets on Redis (garbage, no server yet) it drops or waits out: the Prober goes on
            // probing.
            services.AddHostedService(sp => sp.GetRequiredService<RedisDeliveryRelay>());
        }
        else
        {
            services.AddSingleton<IDeliveryRelay, LocalDeliveryRelay>();
        }

        services.AddAlertOptions();
        services.AddSingleton<AlertOutbox>();
        services.AddSingleton<IncidentTracker>();
        services.AddAlertChannels(builder.Configuration);
        // The seed's MATTERMOST_WEBHOOK_URL (applied to MonitorOptions with the other seed variables) wins.
        services.AddOptions<MattermostOptions>()
            .PostConfigure<IOptions<MonitorOptions>>((o, monitor) => o.Url = monitor.Value.MattermostWebhookUrl
                ?? o.Url);
        services.AddChannelChecks(SecretRedaction.Register, SecretRedaction.RegisterUrl);
        services.AddSingleton<ChannelHealth>();
        services.AddSingleton<MonitorFaults>();
        services.AddHealthChecks().AddCheck<ChannelHealth>("alert-channels");
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<AlertTimers>();
        services.AddMonthlyReports();
        services.AddHostedService<ProbingWatch>();
        services.AddSloOptions();
        services.AddHostedService<BurnWatch>();

        // After each committed batch, in this order: queue the re-checks, record metrics, publish live.
        services.AddSingleton<RecheckQueue>();
        services.AddSingleton(sp => new AfterCommit(
            QueueRechecks: sp.GetRequiredService<RecheckQueue>().OnCommittedAsync,
            RecordMetrics: sp.GetRequiredService<ProberMetrics>().OnCommittedAsync,
            PublishLive: new PublishAfterCommit(sp.GetRequiredService<IStatusPublisher>()).OnCommittedAsync));
        services.AddSingleton<ResultWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ResultWriter>());
        services.AddSingleton<NetworkSelfCheck>();
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeScheduler>());
        // On call: named extra channels (escalations only), Mattermost and Telegram "take it" buttons.
        services.AddNamedChannels(SecretRedaction.Register, SecretRedaction.RegisterUrl);
        services.AddOptions<ButtonOptions>()
            .BindConfiguration(ButtonOptions.SectionName)
            .PostConfigure(o => SecretRedaction.Register(o.ActionSecret))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ButtonOptions>, ButtonOptionsValidator>();
        services.AddSingleton<ActionSigner>();
        services.AddSingleton<AckButtons>();
        services.AddSingleton<Acknowledgements>();
        services.AddSingleton<TelegramBot>();
        // On call: escalation channels checked at start; the "👤 took it" post on acknowledgement.
        services.AddSingleton<IValidateOptions<AlertOptions>, EscalationChannelsValidator>();
        services.AddSingleton<OnCall.IAcknowledgementAlerts, AcknowledgementAlerts>();
        // On call: people's actions through POST /internal/oncall, and the quiet hours they plan.
        services.AddSingleton<MaintenanceCalendar>();
        services.AddSingleton<IQuietHours, Quietness>();
        services.AddSingleton<IOnCallCommands, OnCallCommands>();

        // Nothing that uses the database starts before the migrate step has run (AmoHealth.Migrator).
        services.StartAfterSchema();
        return builder;
    }

    /// <summary>Binds <see cref="MonitorOptions"/> from the <c>Monitor</c> section with the seed's variables on top,
    /// validated at start (the message names the bad key), and the watched accounts derived from it.</summary>
    public static IServiceCollection AddMonitorOptions(this IServiceCollection services)
    {
        services.AddOptions<MonitorOptions>()
            .BindConfiguration(MonitorOptions.SectionName)
            .PostConfigure<IConfiguration>(SeedVariables.Apply)
            .PostConfigure(ConfiguredSecrets.Register)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsAnnotations>();
        services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>();
        services.AddSingleton(sp => AmoAccount.AllFrom(sp.GetRequiredService<IOptions<MonitorOptions>>().Value));
        return services;
    }

    /// <summary>Binds <see cref="AlertOptions"/>, validated at start (the message names the bad key).</summary>
    public static IServiceCollection AddAlertOptions(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        return services;
    }

    /// <summary>The monthly report's post (<c>Reports</c>), validated at start.</summary>
    public static IServiceCollection AddMonthlyReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName).ValidateOnStart();
        services.AddSingleton<MonthlyReports>();
        services.AddHostedService(sp => sp.GetRequiredService<MonthlyReports>());
        return services;
    }

    /// <summary>Binds <see cref="SloOptions"/> (section <c>Slo</c>), validated at start (the message names the bad
    /// key): the burn watch, the daily summary's budgets and the monthly report read it.</summary>
    public static IServiceCollection AddSloOptions(this IServiceCollection services)
    {
        services.AddOptions<SloOptions>().BindConfiguration(SloOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SloOptions>, SloOptionsValidator>();
        return services;
    }

    /// <summary>Starts probe registration; each probe is then one <c>AddProbe&lt;T&gt;()</c> line.</summary>
    public static ProbingBuilder AddProbing(this IServiceCollection services) => new(services);
}
