namespace AmoHealth.Prober.Alerting;

/// <summary>An account's escalation in force: step k of <paramref name="Steps"/> is due <paramref name="After"/> × k
/// after the incident opened, to <paramref name="Channels"/>.</summary>
public sealed record EscalationPolicy(TimeSpan After, int Steps, IReadOnlyList<string> Channels)
{
    /// <summary>The newest step due once the incident has been open for <paramref name="open"/> (0: none).</summary>
    public int DueStep(TimeSpan open) => open <= TimeSpan.Zero ? 0 : (int)Math.Min(Steps, open.Ticks / After.Ticks);
}
