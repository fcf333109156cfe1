using System.Collections.Concurrent;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Alerting.Channels;

namespace AmoHealth.Tests.Infrastructure;

public sealed class RecordingNotifier(string name = "recording") : INotifier
{
    public ConcurrentQueue<NotificationRecord> Sent { get; } = new();

    public string Name => name;

    public string? Problem => null;

    /// <summary>Runs on every send, before it is accepted.</summary>
    public Action? OnSend { get; set; }

    public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken)
    {
        OnSend?.Invoke();
        Sent.Enqueue(alert);
        return Task.FromResult<string?>(null);
    }
}
