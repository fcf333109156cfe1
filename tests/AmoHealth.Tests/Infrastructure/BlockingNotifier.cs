using AmoHealth.Core.Storage;
using AmoHealth.Core.Alerting.Channels;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>An alert channel whose send hangs (as an endpoint does until its timeout) until the test releases it.
/// </summary>
public sealed class BlockingNotifier(string name) : INotifier
{
    private readonly TaskCompletionSource<string?> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public string? Problem => null;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Sends { get; private set; }

    /// <summary>Ends every hanging send with <paramref name="failure"/> (null: accepted).</summary>
    public void Release(string? failure = null) => _release.TrySetResult(failure);

    public async Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken)
    {
        Sends++;
        Entered.TrySetResult();
        return await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }
}
