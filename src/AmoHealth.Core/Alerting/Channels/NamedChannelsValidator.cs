using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>A named channel that cannot work stops the start naming its key: an escalation sent nowhere is found
/// only when it is needed.</summary>
public sealed class NamedChannelsValidator : IValidateOptions<NamedChannelSettings>
{
    private static readonly string[] BuiltIn = ["mattermost", "telegram", "webhook"];

    public ValidateOptionsResult Validate(string? name, NamedChannelSettings options)
    {
        var failures = new List<string>();
        foreach (var (channel, o) in options.Channels)
        {
            var key = $"Alerts:Channels:{channel}";
            if (BuiltIn.Contains(channel, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}: the name belongs to a built-in channel (Notifications:*); choose another.");
            }

            switch (o.Type?.ToLowerInvariant())
            {
                case "mattermost" or "webhook":
                    if (!IsHttp(o.Url))
                    {
                        failures.Add($"{key}:Url must be an absolute http(s) URL.");
                    }

                    break;
                case "telegram":
                    if (!string.IsNullOrEmpty(o.Url) && !IsHttp(o.Url))
                    {
                        failures.Add($"{key}:Url (the Bot API base URL) must be an absolute http(s) URL.");
                    }

                    if (string.IsNullOrWhiteSpace(o.BotToken) || string.IsNullOrWhiteSpace(o.ChatId))
                    {
                        failures.Add($"{key}:BotToken and {key}:ChatId are required for a telegram channel.");
                    }

                    break;
                default:
                    failures.Add($"{key}:Type must be mattermost, telegram or webhook.");
                    break;
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
