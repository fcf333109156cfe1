namespace AmoHealth.Api.Queries;

/// <summary>A silence of <c>GET /api/silences</c>: no alerts for <c>account</c> (one <c>checkType</c>, or all when
/// null) from <c>startsAt</c> until <c>endsAt</c> (Unix ms); <c>endOnRecovery</c>: it ends by itself when the last open
/// incident in its scope closes.</summary>
public sealed record SilenceDto(
    long Id, string Account, string? CheckType, long StartsAt, long EndsAt, string Reason, string CreatedBy,
    long CreatedAt, bool EndOnRecovery);
