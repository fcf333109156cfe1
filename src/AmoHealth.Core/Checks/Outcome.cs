namespace AmoHealth.Core.Checks;

/// <summary>What one probe found; finer than the seed's up/down.</summary>
public enum Outcome
{
    /// <summary>Answered correctly within its threshold.</summary>
    Up,

    /// <summary>Answered correctly but slower than its threshold.</summary>
    Degraded,

    /// <summary>5xx, timeout, DNS, connect or TLS failure, or a wrong answer.</summary>
    Down,

    /// <summary>401: our credentials, not an amoCRM outage.</summary>
    AuthFailed,

    /// <summary>429: we were rate limited.</summary>
    Throttled,

    /// <summary>403: the account or our IP is blocked.</summary>
    Blocked,

    /// <summary>402: the subscription has ended.</summary>
    Billing,
}
