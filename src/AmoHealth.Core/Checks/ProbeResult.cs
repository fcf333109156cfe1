namespace AmoHealth.Core.Checks;

/// <summary>One finished probe of one check of one account.</summary>
/// <param name="Account">Account name as configured (never a token or secret URL).</param>
/// <param name="CheckType">One of <see cref="CheckType.All"/>.</param>
/// <param name="Outcome">What the probe found.</param>
/// <param name="ResponseTimeMs">Total time in milliseconds, or null when nothing answered.</param>
/// <param name="Timestamp">When the probe started, Unix milliseconds.</param>
/// <param name="HttpStatus">The HTTP status code, when there was a response.</param>
/// <param name="ErrorMessage">A short, secret-free reason when the outcome is not up.</param>
/// <param name="Phases">Timing phases of the request, when one was sent.</param>
public sealed record ProbeResult(
    string Account,
    string CheckType,
    Outcome Outcome,
    int? ResponseTimeMs,
    long Timestamp,
    int? HttpStatus,
    string? ErrorMessage,
    ProbePhases? Phases = null)
{
    /// <summary>Order of the probe's start within this Prober process (1, 2, 3, …; 0 when unknown). Results are ordered
    /// by it, never by wall clock: a clock stepped back by NTP or a VM restore must not freeze the status.</summary>
    public long Sequence { get; init; }

    /// <summary>The fence of the account's lease the probe ran under (0 on SQLite). The writer stores the result only
    /// while the lease still has this fence: a Prober that lost the account cannot write over its successor.</summary>
    public long Fence { get; init; }

    /// <summary>The stored row's <c>health_checks.id</c> (0 until stored): the live stream's event id.</summary>
    public long StoredId { get; init; }

    /// <summary>Not sent because amoCRM asked us to pause (429) or blocked us (403): until when. Not stored.</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>For a 429: how long amoCRM asked us to wait, when it said. Not stored.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Why the probe failed, as a value (the outcome's default kind when the probe named none): alerts and the
    /// page decide by it, never by <see cref="ErrorMessage"/>.</summary>
    public FailureKind Kind
    {
        get => _kind ?? FailureKindNames.Default(Outcome);
        init => _kind = value;
    }

    private readonly FailureKind? _kind;

    /// <summary>The failure is AmoHealth's own (no network, our receiver unreachable, a stage id that does not exist in
    /// the account): it is stored and shown, but never opens or closes an amoCRM incident.</summary>
    public bool OwnFault => Kind.IsOwnFault();
}
