namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>
/// An exception as a log record exports it when its text held a secret: the original's message, text and stack
/// trace with the secrets masked. <see cref="OriginalType"/> names what was thrown.
/// </summary>
public sealed class RedactedException(Exception original) : Exception(SecretRedaction.Redact(original.Message))
{
    private readonly string _text = SecretRedaction.Redact(original.ToString());

    public string OriginalType { get; } = original.GetType().FullName ?? original.GetType().Name;

    public override string? StackTrace { get; } = original.StackTrace is { } trace ? SecretRedaction.Redact(trace)
        : null;

    public override string ToString() => _text;

    /// <summary>The exception itself when its text holds no secret, else a masked copy.</summary>
    public static Exception Of(Exception exception) =>
        SecretRedaction.Redact(exception.ToString()) == exception.ToString() ? exception
            : new RedactedException(exception);
}
