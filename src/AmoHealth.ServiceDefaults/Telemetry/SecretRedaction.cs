using System.Text.RegularExpressions;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>
/// Masks secrets before a span or a log record leaves the process: by shape the secrets that travel inside URLs,
/// then every value registered with <see cref="Register"/> or <see cref="RegisterUrl"/> (the configured channel
/// URLs and tokens, whatever their shape). The shapes: the webhook receiver's secret segment
/// (<c>/hooks/amocrm/{secret}</c>), a Mattermost incoming-webhook key (<c>/hooks/{key}</c>), a Telegram bot token
/// (<c>/bot{token}/</c>) and every query string (the HOOK check's <c>filter[destination]</c> carries the receiver
/// URL, a generic webhook may carry a token).
/// </summary>
public static partial class SecretRedaction
{
    /// <summary>Shorter values are not registered: they would mask ordinary words.</summary>
    public const int MinSecretLength = 8;

    /// <summary>A URL's path segment at least this long is taken for a token (a webhook key, a ping id).</summary>
    private const int MinSegmentLength = 12;

    private static readonly Lock Gate = new();
    private static string[] _secrets = [];

    public static string Redact(string value)
    {
        // Shapes first, so the familiar masks stay ({key}, {token}); then whatever registered value is left.
        var redacted = value.IndexOf('/') < 0 && value.IndexOf('?') < 0 ? value : ByShape(value);
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            if (redacted.Contains(secret, StringComparison.Ordinal))
            {
                redacted = redacted.Replace(secret, "{secret}", StringComparison.Ordinal);
            }
        }

        return redacted;
    }

    private static string ByShape(string value)
    {
        var redacted = ReceiverSecret().Replace(value, "$1{secret}");
        redacted = HookKey().Replace(redacted, "$1{key}");
        redacted = BotToken().Replace(redacted, "$1{token}");
        return Query().Replace(redacted, "?{query}");
    }

    /// <summary>Masks <paramref name="secret"/> by value from now on, in every log and span of this process.</summary>
    public static void Register(string? secret)
    {
        if (secret is null || secret.Trim().Length < MinSecretLength)
        {
            return;
        }

        lock (Gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first: a URL is masked whole before a token inside it.
                Volatile.Write(ref _secrets, [.. _secrets.Append(secret).OrderByDescending(s => s.Length)]);
            }
        }
    }

    /// <summary>
    /// Masks a secret URL wherever it or its secret parts turn up: the URL as written and as .NET prints it, its
    /// user info, query values and every path segment long enough to be a token.
    /// </summary>
    public static void RegisterUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        Register(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return;
        }

        Register(uri.AbsoluteUri);
        Register(uri.UserInfo);
        foreach (var segment in uri.AbsolutePath.Split('/').Where(s => s.Length >= MinSegmentLength))
        {
            Register(segment);
            Register(Uri.UnescapeDataString(segment));
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            Register(pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        }
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
