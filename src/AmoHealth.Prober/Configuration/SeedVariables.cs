using AmoHealth.Core.Configuration;

namespace AmoHealth.Prober.Configuration;

/// <summary>Maps the seed's environment variables onto <see cref="MonitorOptions"/>, over appsettings.</summary>
internal static class SeedVariables
{
    public static void Apply(MonitorOptions options, IConfiguration configuration)
    {
        options.Domain = configuration["AMOCRM_DOMAIN"] is { Length: > 0 } domain ? domain : options.Domain;
        options.AccessToken = configuration["AMOCRM_ACCESS_TOKEN"] is { Length: > 0 } token ? token
            : options.AccessToken;
        options.MattermostWebhookUrl = configuration["MATTERMOST_WEBHOOK_URL"] is { Length: > 0 } hook
            ? hook
            : options.MattermostWebhookUrl;
        options.PublicUrl = configuration["PUBLIC_URL"] is { Length: > 0 } publicUrl ? publicUrl : options.PublicUrl;
        options.CheckIntervalMs = ReadInt(configuration, "CHECK_INTERVAL") ?? options.CheckIntervalMs;
        options.TimeoutMs = ReadInt(configuration, "TIMEOUT_THRESHOLD") ?? options.TimeoutMs;
    }

    private static int? ReadInt(IConfiguration configuration, string key)
    {
        try
        {
            return SeedRules.ReadMs(key, configuration[key]);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
