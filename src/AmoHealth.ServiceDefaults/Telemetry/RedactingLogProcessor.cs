using OpenTelemetry;
using OpenTelemetry.Logs;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>Masks URL secrets in a log record's message, body and string attributes before it is exported.</summary>
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

        if (data.Attributes is { Count: > 0 } attributes && attributes.Any(a => a.Value is string))
        {
            data.Attributes = attributes
                .Select(a => a.Value is string text ? new KeyValuePair<string, object?>(a.Key, SecretRedaction.Redact(text)) : a)
                .ToList();
        }
    }
}
