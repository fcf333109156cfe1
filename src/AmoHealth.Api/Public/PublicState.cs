namespace AmoHealth.Api.Public;

/// <summary>What the public may read of a check's state. Only amoCRM's verdicts are public: a throttled, blocked or
/// unauthorized probe, or our own fault, is <see cref="Unknown"/> ("not measured"), never "down".</summary>
public enum PublicState
{
    Operational,
    Degraded,
    Down,
    Maintenance,
    Unknown,
}
