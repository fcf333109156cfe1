using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Control;
using AmoHealth.Simulator.Faults;
using AmoHealth.Simulator.Mattermost;
using AmoHealth.Simulator.OAuth;
using AmoHealth.Simulator.Webhooks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Extensions;

public static class Extensions
{
    /// <summary>The fake account, its tokens, limits, faults, webhook dispatcher and the fake Mattermost.</summary>
    public static IHostApplicationBuilder AddSimulatorServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AccountState>();
        services.AddSingleton<Latency>();
        services.AddSingleton<JwtIssuer>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<FaultStore>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<MattermostInbox>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<ILeadEvents>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<BusyAccount>();
        services.AddHostedService<BusyTraffic>();

        // amoCRM does not retry on its client's behalf beyond its documented schedule: no resilience handler.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() =>
                new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary>The control API, the fault layer in front of amoCRM's endpoints, amoCRM itself and
    /// Mattermost.</summary>
    public static WebApplication MapSimulator(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var state = app.Services.GetRequiredService<AccountState>();
        foreach (var (stage, url) in options.DpActions)
        {
            state.DpActions[stage] = url;
        }

        app.UseMiddleware<FaultMiddleware>();
        app.MapControlApi();
        app.MapWebUi();
        app.MapOAuthApi();
        var api = app.MapGroup("/api/v4").AddEndpointFilter<BearerFilter>();
        api.MapAccountApi();
        api.MapLeadsApi();
        api.MapPipelinesApi();
        api.MapWebhooksApi();
        api.MapFallback(() => AmoProblem.Create(404, "Not Found", "Not Found"));
        app.MapMattermostApi();
        return app;
    }
}
