namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// amoCRM's documented retries: attempt 2 after 5 min and 3 after 15 min when the previous code was
/// outside 100–299 (0 for no answer); attempts 4 (+15 min) and 5 (+1 h) only after 499 or 5xx.
/// </summary>
public static class RetrySchedule
{
    public const int MaxAttempts = 5;

    public static bool IsValid(int status) => status is >= 100 and < 300;

    /// <summary>The wait before the attempt after <paramref name="attempt"/>, or null when there is none.</summary>
    public static TimeSpan? After(int attempt, int status)
    {
        if (IsValid(status))
        {
            return null;
        }

        var serverSide = status == 499 || status is >= 500 and < 600;
        return attempt switch
        {
            1 => TimeSpan.FromMinutes(5),
            2 => TimeSpan.FromMinutes(15),
            3 when serverSide => TimeSpan.FromMinutes(15),
            4 when serverSide => TimeSpan.FromHours(1),
            _ => null,
        };
    }
}
