namespace AmoHealth.Api.Status;

/// <summary>One account's check in <c>GET /api/status</c>. <c>status</c> is the seed's up/down; <c>outcome</c> is finer.</summary>
public sealed record CheckStatusDto(
    string Account,
    string CheckType,
    string Status,
    string Outcome,
    int? ResponseTime,
    long LastCheck,
    string? ErrorMessage,
    int? HttpStatus);
