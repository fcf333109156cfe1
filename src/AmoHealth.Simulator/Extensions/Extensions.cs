using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Mattermost;

namespace AmoHealth.Simulator.Extensions;

public static class Extensions
{
    /// <summary>The fake account, its latency model, and the fake Mattermost inbox.</summary>
    public static IHostApplicationBuilder AddSimulatorServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AccountState>();
        builder.Services.AddSingleton<Latency>();
        builder.Services.AddSingleton<MattermostInbox>();
        return builder;
    }
}
