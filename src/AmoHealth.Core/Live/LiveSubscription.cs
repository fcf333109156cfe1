namespace AmoHealth.Core.Live;

/// <summary>Subscribing while Redis may be away (at start, say): tried again with a pause growing from 1 s to a limit.
/// Once subscribed, the Redis client resubscribes by itself after a reconnect.</summary>
public static class LiveSubscription
{
    /// <summary>Runs <paramref name="subscribe"/> until it succeeds (true) or the service stops (false).</summary>
    /// <param name="failed">Told of each failure and the pause before the next try (to log it).</param>
    public static async Task<bool> RetryAsync(
        Func<Task> subscribe, TimeSpan longestPause, TimeProvider time, Action<Exception, TimeSpan> failed,
        CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await subscribe();
                return true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // RedisTimeoutException is a TimeoutException, not a RedisException: whatever failed, try again later.
                failed(ex, pause);
            }

            try
            {
                await Task.Delay(pause, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, longestPause.Ticks));
        }

        return false;
    }
}
