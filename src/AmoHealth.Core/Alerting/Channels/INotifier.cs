using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>An alert channel: one class plus one <c>AddNotifier&lt;T, TOptions&gt;(section)</c> line. A notifier whose
/// settings are missing or wrong is left out with a warning; probing and the other channels go on.</summary>
public interface INotifier
{
    /// <summary>The channel's name in the outbox (<c>notifications.channel</c>).</summary>
    string Name { get; }

    /// <summary>Null when usable; else why not (shown in the start-up warning, without secrets).</summary>
    string? Problem { get; }

    /// <summary>Null when the channel accepted the alert, else a short reason (no URL, no token).</summary>
    Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken);
}
