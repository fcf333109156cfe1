using System.Text.RegularExpressions;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>
/// Masks the secrets that travel inside URLs before a span or a log record leaves the process: the webhook
/// receiver's secret segment (<c>/hooks/amocrm/{secret}</c>), a Mattermost incoming-webhook key
/// (<c>/hooks/{key}</c>), a Telegram bot token (<c>/bot{token}/</c>) and every query string (the HOOK check's
/// <c>filter[destination]</c> carries the receiver URL, a generic webhook may carry a token).
/// </summary>
public static partial class SecretRedaction
{
    public static string Redact(string value)
    {
        if (value.IndexOf('/') < 0 && value.IndexOf('?') < 0)
        {
            return value;
        }

        var redacted = ReceiverSecret().Replace(value, "$1{secret}");
        redacted = HookKey().Replace(redacted, "$1{key}");
        redacted = BotToken().Replace(redacted, "$1{token}");
        return Query().Replace(redacted, "?{query}");
    }

    [GeneratedRegex(@"(/hooks/amocrm/)[^/?#\s""']+", RegexOptions.CultureInvariant)]
    private static partial Regex ReceiverSecret();

    [GeneratedRegex(@"(/hooks/)(?!amocrm/|amocrm\b)[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex HookKey();

    [GeneratedRegex(@"(/bot)\d+:[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex BotToken();

    [GeneratedRegex(@"\?[^\s#""']+", RegexOptions.CultureInvariant)]
    private static partial Regex Query();
}
