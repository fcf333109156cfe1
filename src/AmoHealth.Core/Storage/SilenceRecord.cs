namespace AmoHealth.Core.Storage;

/// <summary>A row of <c>silences</c>: no alerts for an account (or one of its checks) until a time. Probing and storing
/// go on. Active while <c>starts_at &lt;= now &lt; ends_at</c> and not ended.</summary>
public sealed class SilenceRecord
{
    public long Id { get; set; }

    public required string Account { get; set; }

    /// <summary>Null: every check of the account, and the account's own alerts (token, test lead).</summary>
    public string? CheckType { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long StartsAt { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long EndsAt { get; set; }

    public required string Reason { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix milliseconds; set when ended early, by hand or by recovery.</summary>
    public long? EndedAt { get; set; }

    public string? EndedBy { get; set; }

    /// <summary>Ends by itself when the last open incident in its scope closes.</summary>
    public bool EndOnRecovery { get; set; }
}
