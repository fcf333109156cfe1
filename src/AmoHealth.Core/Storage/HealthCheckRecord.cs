using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Storage;

/// <summary>A row of the seed's <c>health_checks</c> table, with the columns AmoHealth adds.</summary>
public sealed class HealthCheckRecord
{
    public long Id { get; set; }

    /// <summary>Probe start, Unix milliseconds (seed column <c>timestamp</c>).</summary>
    public long Timestamp { get; set; }

    public required string CheckType { get; set; }

    /// <summary>The seed's <c>up</c>/<c>down</c>.</summary>
    public required string Status { get; set; }

    public int? ResponseTime { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>The seed's <c>created_at</c> (UTC, <c>YYYY-MM-DD HH:MM:SS</c>), computed by the database.</summary>
    public string? CreatedAt { get; private set; }

    public required string Account { get; set; }

    public Outcome Outcome { get; set; }

    public int? HttpStatus { get; set; }

    public int? DnsMs { get; set; }

    public int? ConnectMs { get; set; }

    public int? TlsMs { get; set; }

    public int? TtfbMs { get; set; }

    /// <summary>Column <c>failure_kind</c>: null when the kind is the outcome's default (every up row: no bytes spent
    /// on the common case) and in rows older than the column. Read <see cref="Kind"/>.</summary>
    public FailureKind? StoredKind { get; set; }

    public FailureKind Kind => StoredKind ?? FailureKindNames.Default(Outcome);

    /// <summary>Column <c>maintenance</c>: true when recorded inside a maintenance window, else null (no bytes spent on
    /// the common case).</summary>
    public bool? InMaintenance { get; set; }

    public static HealthCheckRecord From(ProbeResult result) => new()
    {
        Timestamp = result.Timestamp,
        CheckType = result.CheckType,
        Status = result.Outcome.ToStatus(),
        ResponseTime = result.ResponseTimeMs,
        ErrorMessage = result.ErrorMessage,
        Account = result.Account,
        Outcome = result.Outcome,
        HttpStatus = result.HttpStatus,
        DnsMs = result.Phases?.DnsMs,
        ConnectMs = result.Phases?.ConnectMs,
        TlsMs = result.Phases?.TlsMs,
        TtfbMs = result.Phases?.TtfbMs,
        StoredKind = result.Kind == FailureKindNames.Default(result.Outcome) ? null : result.Kind,
    };
}
