using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Whether an account's alerts (one check's, or the account's own when <c>checkType</c> is null) are quiet
/// at a moment: under an active silence or in a maintenance window (planned on the page or in the files). Reminders
/// and escalation skip quiet incidents; the dispatcher drops silenced alerts and holds those in maintenance.</summary>
public interface IQuietHours
{
    Task<Quiet?> QuietAsync(StoreSession session, string account, string? checkType, DateTimeOffset at,
        CancellationToken cancellationToken);
}

/// <summary>Why it is quiet: a silence (<see cref="SilenceId"/>) or maintenance, and until when.</summary>
public sealed record Quiet(long? SilenceId, DateTimeOffset Until, string Reason)
{
    public bool IsMaintenance => SilenceId is null;
}
