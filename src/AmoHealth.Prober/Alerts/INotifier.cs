namespace AmoHealth.Prober.Alerts;

/// <summary>An alert channel. Returns null when the message was accepted, else a short reason (no URL, no secret).</summary>
public interface INotifier
{
    Task<string?> SendAsync(string text, CancellationToken cancellationToken);
}
