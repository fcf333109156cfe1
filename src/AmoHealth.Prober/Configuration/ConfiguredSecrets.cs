using AmoHealth.ServiceDefaults.Telemetry;

namespace AmoHealth.Prober.Configuration;

/// <summary>The configuration's secrets, registered for masking by value in every log and span of the Prober.</summary>
internal static class ConfiguredSecrets
{
    public static void Register(MonitorOptions options)
    {
        SecretRedaction.Register(options.AccessToken);
        SecretRedaction.Register(options.HookSecret);
        SecretRedaction.Register(options.HookSecretPrevious);
        SecretRedaction.Register(options.OAuth.EncryptionKey);
        SecretRedaction.Register(options.OAuth.PreviousEncryptionKey);
        SecretRedaction.RegisterUrl(options.HeartbeatUrl);
        SecretRedaction.RegisterUrl(options.MattermostWebhookUrl);
        Register(options.OAuth);
        foreach (var account in options.Accounts)
        {
            SecretRedaction.Register(account.AccessToken);
            Register(account.OAuth);
        }
    }

    private static void Register(OAuthOptions? oauth)
    {
        SecretRedaction.Register(oauth?.ClientSecret);
        SecretRedaction.Register(oauth?.RefreshToken);
    }
}
