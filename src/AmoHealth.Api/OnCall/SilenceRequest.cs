namespace AmoHealth.Api.OnCall;

/// <summary>The body of <c>POST /api/silences</c>: an <c>account</c> AmoHealth knows, one <c>checkType</c> or null for
/// the whole account, <c>minutes</c> 5..10080 from now, a <c>reason</c> (1..500 characters), and
/// <c>endOnRecovery</c> (end by itself when the last open incident in its scope closes; default false).</summary>
public sealed record SilenceRequest(
    string? Account, string? CheckType, int? Minutes, string? Reason, bool? EndOnRecovery)
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 10_080;
    public const int MaxReason = 500;
}
