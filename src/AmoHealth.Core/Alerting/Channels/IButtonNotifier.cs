using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>A channel that can put a "take it" button under a down alert (Mattermost, Telegram with a bot).</summary>
public interface IButtonNotifier : INotifier
{
    /// <summary>Sends the alert as <see cref="INotifier.SendAsync"/> does, with the button when one is given.</summary>
    Task<string?> SendAsync(NotificationRecord alert, AckButton? button, CancellationToken cancellationToken);
}
