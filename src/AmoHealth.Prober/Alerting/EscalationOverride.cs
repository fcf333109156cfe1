namespace AmoHealth.Prober.Alerting;

/// <summary>One account's escalation (<c>Alerts:Escalation:Accounts:&lt;account&gt;</c>); a value left out is the
/// section's.</summary>
public sealed class EscalationOverride
{
    public int? AfterMinutes { get; set; }

    public int? Repeat { get; set; }

    public List<string>? Channels { get; set; }
}
