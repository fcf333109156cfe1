using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>
/// The console's formatter with secrets masked: it wraps the formatter the host chose (simple, systemd, json) and
/// hands it the message and the exception as already masked text. Scopes are left out, as in exported logs: a
/// request's scope carries its path, the webhook receiver's secret in it.
/// </summary>
public sealed class RedactingConsoleFormatter(ConsoleFormatterChoice choice, IServiceProvider services)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "amohealth-redacting";

    private ConsoleFormatter? _inner;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider,
        TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var text = SecretRedaction.Redact(message ?? string.Empty);
        if (logEntry.Exception is { } exception)
        {
            text += Environment.NewLine + SecretRedaction.Redact(exception.ToString());
        }

        var masked = new LogEntry<string>(logEntry.LogLevel, logEntry.Category, logEntry.EventId, text, null,
            static (state, _) => state);
        Inner.Write(in masked, null, textWriter);
    }

    private ConsoleFormatter Inner =>
        _inner ??= Pick(services.GetServices<ConsoleFormatter>().Where(f => f is not RedactingConsoleFormatter)
        .ToList());

    private ConsoleFormatter Pick(List<ConsoleFormatter> formatters) =>
        formatters.FirstOrDefault(f => f.Name == choice.Inner)
            ?? formatters.First(f => f.Name == ConsoleFormatterNames.Simple);
}
