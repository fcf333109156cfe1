namespace AmoHealth.Tests.Infrastructure;

/// <summary>Polls a condition with a deadline: every wait in the tests has a timeout.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        await GetAsync<object>(() => Task.FromResult<object?>(condition() ? new object() : null), timeout, what);
    }
}
