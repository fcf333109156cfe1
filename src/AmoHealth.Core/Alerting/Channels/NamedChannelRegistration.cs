using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Registers <see cref="NamedChannels"/>, validated at start, their URLs and tokens redacted.</summary>
public static class NamedChannelRegistration
{
    public static IServiceCollection AddNamedChannels(
        this IServiceCollection services, Action<string?> registerSecret, Action<string?> registerUrl)
    {
        services.AddOptions<NamedChannelSettings>()
            .Configure<IConfiguration>((o, config) => config.GetSection(NamedChannelSettings.SectionName).Bind(o))
            .PostConfigure(o =>
            {
                foreach (var channel in o.Channels.Values)
                {
                    registerUrl(channel.Url);
                    registerSecret(channel.BotToken);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NamedChannelSettings>, NamedChannelsValidator>();
        services.AddSingleton<NamedChannels>();
        return services;
    }
}
