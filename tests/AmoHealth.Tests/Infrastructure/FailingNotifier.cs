using System.Collections.Concurrent;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>An alert channel that refuses its first <paramref name="failures"/> sends, then keeps them.</summary>
public sealed class FailingNotifier(string name, int failures) : INotifier
{
    private int _left = failures;

    public ConcurrentQueue<NotificationRecord> Sent { get; } = new();

    public int Attempts { get; private set; }

    public string Name => name;

    public string? Problem => null;

    public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken)
    {
        Attempts++;
        if (Interlocked.Decrement(ref _left) >= 0)
        {
            return Task.FromResult<string?>($"{name} answered HTTP 503");
        }

        Sent.Enqueue(alert);
        return Task.FromResult<string?>(null);
    }
}
