using Microsoft.Extensions.Configuration;

namespace AmoHealth.AppHost;

/// <summary>
/// The seed's environment variables as given to the AppHost (AMOCRM_DOMAIN, AMOCRM_ACCESS_TOKEN,
/// MATTERMOST_WEBHOOK_URL, CHECK_INTERVAL, TIMEOUT_THRESHOLD, PORT), PUBLIC_URL, and where the database lives.
/// </summary>
public sealed record SeedSettings(
    string? Domain,
    string? AccessToken,
    string? MattermostWebhookUrl,
    string? CheckInterval,
    string? TimeoutThreshold,
    int? GatewayPort,
    string DatabasePath,
    string? PublicUrl)
{
    public bool DemoMode => string.IsNullOrWhiteSpace(Domain);

    public static SeedSettings From(IConfiguration configuration, string appHostDirectory)
    {
        var port = configuration["PORT"];
        int? gatewayPort = null;
        if (!string.IsNullOrWhiteSpace(port))
        {
            gatewayPort = int.TryParse(port, out var parsed) && parsed is > 0 and <= 65535
                ? parsed
                : throw new InvalidOperationException($"PORT must be a TCP port number (1-65535), got '{port}'.");
        }

        // Development data lives in the repository's .data/ folder (git-ignored), never in a build output. The
        // demo keeps its own file, so trying it never leaves a "demo" account in a real account's history.
        var demo = string.IsNullOrWhiteSpace(configuration["AMOCRM_DOMAIN"]);
        var databasePath = configuration["Storage:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(
                Path.Combine(appHostDirectory, "..", "..", ".data", demo ? "demo.db" : "health_checks.db"));

        return new SeedSettings(
            NullIfEmpty(configuration["AMOCRM_DOMAIN"]),
            NullIfEmpty(configuration["AMOCRM_ACCESS_TOKEN"]),
            NullIfEmpty(configuration["MATTERMOST_WEBHOOK_URL"]),
            NullIfEmpty(configuration["CHECK_INTERVAL"]),
            NullIfEmpty(configuration["TIMEOUT_THRESHOLD"]),
            gatewayPort,
            databasePath,
            NullIfEmpty(configuration["PUBLIC_URL"]));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
