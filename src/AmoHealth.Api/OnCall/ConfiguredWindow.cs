namespace AmoHealth.Api.OnCall;

/// <summary>A maintenance window of the configuration (<c>Alerts:Maintenance:N</c>), as the Prober reads it.</summary>
public sealed class ConfiguredWindow
{
    /// <summary>The account it covers; null for all.</summary>
    public string? Account { get; set; }

    /// <summary>ISO 8601 with offset, e.g. <c>2026-12-01T22:00:00+03:00</c>.</summary>
    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }
}
