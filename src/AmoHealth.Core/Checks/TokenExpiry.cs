namespace AmoHealth.Core.Checks;

/// <summary>How a token's expiry is told: whole days left, negative once it has expired.</summary>
public static class TokenExpiry
{
    public static int DaysLeft(long expiresAtMs, long nowMs) =>
        (int)Math.Floor((expiresAtMs - nowMs) / (double)TimeSpan.MillisecondsPerDay);
}
