using System.Text.Json.Serialization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Live;

/// <summary>A check's status on the wire, one shape for an item of <c>GET /api/status</c> and the <c>data</c> of an SSE
/// <c>status_update</c>. <c>status</c> is the seed's up/down; <c>outcome</c> is finer and <c>failureKind</c> says why
/// (snake_case names, <see cref="FailureKindNames"/>); <c>errorMessage</c> is only the detail. Times are Unix ms. The
/// Api adds what only it knows on <c>/api/status</c>: the token's expiry, the account's notice and <c>stale</c> (no
/// result for too long: the status shown is the last known, not the current one); a live update carries nulls there,
/// meaning "unchanged".</summary>
public sealed record CheckStatusDto(
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("checkType")] string CheckType,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("failureKind")] string? FailureKind,
    [property: JsonPropertyName("responseTime")] int? ResponseTime,
    [property: JsonPropertyName("lastCheck")] long LastCheck,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage,
    [property: JsonPropertyName("httpStatus")] int? HttpStatus,
    [property: JsonPropertyName("tokenExpiresAt")] long? TokenExpiresAt = null,
    [property: JsonPropertyName("tokenDaysLeft")] int? TokenDaysLeft = null,
    [property: JsonPropertyName("notice")] string? Notice = null,
    [property: JsonPropertyName("stale")] bool Stale = false)
{
    public static CheckStatusDto Of(ProbeResult result) => Of(
        result.Account, result.CheckType, result.Outcome, result.Kind, result.ResponseTimeMs, result.Timestamp,
        result.ErrorMessage, result.HttpStatus);

    public static CheckStatusDto Of(CheckStatusRecord row) => Of(
        row.Account, row.CheckType, row.Outcome, row.Kind, row.ResponseTime, row.LastCheck, row.ErrorMessage,
        row.HttpStatus);

    public static CheckStatusDto Of(
        string account,
        string checkType,
        Outcome outcome,
        FailureKind kind,
        int? responseTime,
        long lastCheck,
        string? errorMessage,
        int? httpStatus) => new(
        account, checkType, outcome.ToStatus(), outcome.ToName(), kind.ToName(), responseTime, lastCheck, errorMessage,
        httpStatus);
}
