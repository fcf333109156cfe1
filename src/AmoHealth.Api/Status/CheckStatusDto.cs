namespace AmoHealth.Api.Status;

/// <summary>
/// One account's check in <c>GET /api/status</c>. <c>status</c> is the seed's up/down; <c>outcome</c> is finer.
/// <c>tokenExpiresAt</c> (Unix ms) and <c>tokenDaysLeft</c> say when the account's token runs out, when known;
/// <c>stale</c> is true when the newest result is older than two intervals plus the delivery deadline (the
/// Prober has stopped; the status is the last one known, not the current one);
/// <c>notice</c> is the latest thing AmoHealth repaired or could not use in the account, or null.
/// </summary>
public sealed record CheckStatusDto(
    string Account,
    string CheckType,
    string Status,
    string Outcome,
    int? ResponseTime,
    long LastCheck,
    string? ErrorMessage,
    int? HttpStatus,
    long? TokenExpiresAt,
    int? TokenDaysLeft,
    string? Notice = null,
    bool Stale = false);
