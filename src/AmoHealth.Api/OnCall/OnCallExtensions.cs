using Microsoft.Extensions.Options;

namespace AmoHealth.Api.OnCall;

public static class OnCallExtensions
{
    /// <summary>The team's zone and the configured maintenance (<c>Alerts</c>, validated at start), the accounts
    /// actions may name, and the client that passes actions to the Prober: no hidden retry (a command sent twice
    /// could create two silences), a short limit.</summary>
    public static IServiceCollection AddOnCallActions(this IServiceCollection services)
    {
        services.AddOptions<TeamOptions>()
            .BindConfiguration(TeamOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamOptions>, TeamOptionsValidator>();
        services.AddSingleton<KnownAccounts>();
#pragma warning disable EXTEXP0001
        services.AddHttpClient<ProberCommands>(http =>
            {
                http.BaseAddress = new Uri(ProberCommands.BaseAddress);
                http.Timeout = ProberCommands.Timeout;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }
}
