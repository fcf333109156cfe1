using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Live;

/// <summary>What a live message must look like before it reaches a browser: a known check type and status, an account
/// name, times and durations a clock could produce. Each method names what is wrong (a short reason, used as a metric
/// tag) or returns null.</summary>
public static class LiveSchema
{
    /// <summary>Longest account name, error message or incident detail accepted.</summary>
    public const int MaxAccountLength = 128;

    public const int MaxTextLength = 4_096;

    /// <summary>2100-01-01 in Unix milliseconds: a later time is not from a clock we run.</summary>
    private const long LatestTime = 4_102_444_800_000;

    private static readonly TimeSpan LongestProbe = TimeSpan.FromHours(1);

    private static readonly HashSet<string> OutcomeNames =
        [.. Enum.GetValues<Outcome>().Select(Checks.OutcomeNames.ToName)];

    private static readonly HashSet<string> KindNames = [.. FailureKindNames.All];

    public static string? Problem(StatusUpdate update) => update switch
    {
        { Type: not StatusUpdate.EventType } => "wrong_type",
        _ when !CheckType.IsKnown(update.CheckType) => "unknown_check",
        _ when !IsAccount(update.Account) => "bad_account",
        { Data: null } => "wrong_type",
        { Data.Status: not (Checks.OutcomeNames.Status.Up or Checks.OutcomeNames.Status.Down) } => "unknown_status",
        _ when update.Data.Outcome is not { } outcome || !OutcomeNames.Contains(outcome) => "unknown_status",
        _ when Checks.OutcomeNames.Parse(update.Data.Outcome).ToStatus() != update.Data.Status => "unknown_status",
        _ when !IsTime(update.Timestamp) || !IsTime(update.Data.LastCheck) => "bad_number",
        { Data.ResponseTime: < 0 } => "bad_number",
        _ when update.Data.ResponseTime > LongestProbe.TotalMilliseconds => "bad_number",
        { ResultId: <= 0 } => "bad_number",
        _ when update.Data.FailureKind is { } kind && !KindNames.Contains(kind) => "unknown_status",
        _ when !IsText(update.Data.ErrorMessage) => "bad_text",
        _ => null,
    };

    /// <summary>A valid update as the browser gets it: the check named once (the envelope's), the kind filled in when a
    /// Prober older than <c>failureKind</c> sent none, and the fields only the Api knows left empty.</summary>
    public static StatusUpdate Normalized(StatusUpdate update) => update with
    {
        Data = update.Data with
        {
            Account = update.Account,
            CheckType = update.CheckType,
            FailureKind = update.Data.FailureKind
                ?? FailureKindNames.Default(Checks.OutcomeNames.Parse(update.Data.Outcome)).ToName(),
            TokenExpiresAt = null,
            TokenDaysLeft = null,
            Notice = null,
            Stale = false,
        },
    };

    public static string? Problem(IncidentEvent incident) => incident switch
    {
        { Type: not (IncidentEvent.Opened or IncidentEvent.Closed) } => "wrong_type",
        { Type: IncidentEvent.Opened, EndTime: not null } => "wrong_type",
        { Type: IncidentEvent.Closed, EndTime: null } => "wrong_type",
        _ when !CheckType.IsKnown(incident.CheckType) => "unknown_check",
        _ when !IsAccount(incident.Account) => "bad_account",
        _ when incident.Kind is not { } kind || !OutcomeNames.Contains(kind) => "unknown_status",
        { Id: <= 0 } => "bad_number",
        _ when !IsTime(incident.StartTime) || !IsTime(incident.Timestamp) => "bad_number",
        { EndTime: { } end } when !IsTime(end) || end < incident.StartTime => "bad_number",
        { Duration: < 0 } => "bad_number",
        _ when !IsText(incident.Details) => "bad_text",
        _ => null,
    };

    private static bool IsTime(long unixMilliseconds) => unixMilliseconds is > 0 and < LatestTime;

    private static bool IsAccount(string? account) =>
        !string.IsNullOrWhiteSpace(account) && account.Length <= MaxAccountLength && !account.Any(char.IsControl);

    private static bool IsText(string? text) => text is null || text.Length <= MaxTextLength;
}
