using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Storage;

/// <summary>The latest result per account and check (table <c>check_status</c>), kept beside the raw rows so that
/// <c>/api/status</c> and the stream snapshot read five rows instead of scanning history.</summary>
public sealed class CheckStatusRecord
{
    /// <summary>The table's columns in the order <see cref="Read"/> expects them.</summary>
    public const string Columns = "account, check_type, status, outcome, response_time, last_check, error_message, "
        + "http_status, state, streak, failing_since, incident_id, failure_kind";

    /// <summary>The row under the reader, selected as <see cref="Columns"/>.</summary>
    public static CheckStatusRecord Read(System.Data.Common.DbDataReader reader)
    {
        var outcome = OutcomeNames.Parse(reader.GetString(3));
        return new()
        {
            Account = reader.GetString(0), CheckType = reader.GetString(1), Status = reader.GetString(2),
            Outcome = outcome, ResponseTime = reader.GetNullableInt32(4), LastCheck = reader.GetInt64(5),
            ErrorMessage = reader.GetNullableString(6), HttpStatus = reader.GetNullableInt32(7),
            State = CheckStateNames.Parse(reader.GetNullableString(8)), Streak = reader.GetInt32(9),
            FailingSince = reader.GetNullableInt64(10), IncidentId = reader.GetNullableInt64(11),
            StoredKind = FailureKindNames.Parse(reader.GetNullableString(12), FailureKindNames.Default(outcome)),
        };
    }

    public required string Account { get; set; }

    public required string CheckType { get; set; }

    public required string Status { get; set; }

    public Outcome Outcome { get; set; }

    public int? ResponseTime { get; set; }

    /// <summary>Start of the latest probe, Unix milliseconds.</summary>
    public long LastCheck { get; set; }

    public string? ErrorMessage { get; set; }

    public int? HttpStatus { get; set; }

    /// <summary>Where the check's state machine stands: up, suspect, down, recovering.</summary>
    public CheckState State { get; set; } = CheckState.Up;

    /// <summary>Consecutive failures (in suspect) or successes (in recovering).</summary>
    public int Streak { get; set; }

    /// <summary>Start of the first failure of the current streak or incident, Unix milliseconds.</summary>
    public long? FailingSince { get; set; }

    /// <summary>The open incident, while there is one.</summary>
    public long? IncidentId { get; set; }

    /// <summary>Column <c>failure_kind</c>; null in rows older than the column. Read <see cref="Kind"/>.</summary>
    public FailureKind? StoredKind { get; set; }

    public FailureKind Kind => StoredKind ?? FailureKindNames.Default(Outcome);

    /// <summary>Takes <paramref name="result"/> as the latest (the writer has put results in probe order).</summary>
    public void Apply(ProbeResult result)
    {
        Status = result.Outcome.ToStatus();
        Outcome = result.Outcome;
        ResponseTime = result.ResponseTimeMs;
        LastCheck = result.Timestamp;
        ErrorMessage = result.ErrorMessage;
        HttpStatus = result.HttpStatus;
        StoredKind = result.Kind;
    }
}
