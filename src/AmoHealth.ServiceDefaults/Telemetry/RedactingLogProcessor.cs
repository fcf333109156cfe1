using OpenTelemetry;
using OpenTelemetry.Logs;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>Masks secrets in a log record's message, body, string attributes and exception before it is
/// exported.</summary>
public sealed class RedactingLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = SecretRedaction.Redact(message);
        }

        if (data.Body is { } body)
        {
            data.Body = SecretRedaction.Redact(body);
        }

        if (data.Exception is { } exception)
        {
            data.Exception = RedactedException.Of(exception);
        }

        if (data.Attributes is { Count: > 0 } attributes && attributes.Any(a => a.Value is string))
        {
            data.Attributes = attributes
                .Select(a => a.Value is string text ? new KeyValuePair<string,
                    object?>(a.Key, SecretRedaction.Redact(text)) : a)
                .ToList();
        }
    }
}
