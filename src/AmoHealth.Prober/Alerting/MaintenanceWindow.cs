namespace AmoHealth.Prober.Alerting;

/// <summary>A planned period without alerts (<c>Alerts:Maintenance:N</c>); probing and incidents go on.</summary>
public sealed class MaintenanceWindow
{
    /// <summary>The account it covers; null for all.</summary>
    public string? Account { get; set; }

    /// <summary>ISO 8601 with offset, e.g. <c>2026-12-01T22:00:00+03:00</c>.</summary>
    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public bool Covers(string account, DateTimeOffset at) =>
        (Account is null || Account == account) && at >= Start && at < End;
}
