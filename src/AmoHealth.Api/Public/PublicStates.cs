using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Public;

/// <summary>What the public reads of a check's stored state. Only amoCRM's verdicts are shown: a 429, a 403, a 401, an
/// unpaid account, our own fault or a silent Prober is "not measured", never "down". An unconfirmed failure (the state
/// machine's suspect) is not public yet; an open incident that is recovering still shows as degraded.</summary>
public static class PublicStates
{
    /// <param name="row">The check's <c>check_status</c> row.</param>
    /// <param name="openKind">The outcome that opened the check's open incident, if one is open.</param>
    /// <param name="inMaintenance">A maintenance window of the account covers now.</param>
    /// <param name="stale">No result for too long: the Prober is not probing.</param>
    public static PublicState Of(CheckStatusRecord row, Outcome? openKind, bool inMaintenance, bool stale)
    {
        if (inMaintenance)
        {
            return PublicState.Maintenance;
        }

        if (stale || !IsVerdict(row.Outcome, row.Kind))
        {
            return PublicState.Unknown;
        }

        return row.State switch
        {
            CheckState.Down => openKind == Outcome.Degraded ? PublicState.Degraded : PublicState.Down,
            CheckState.Recovering => PublicState.Degraded,
            _ => row.Outcome == Outcome.Degraded ? PublicState.Degraded : PublicState.Operational,
        };
    }

    /// <summary>What one live result says at first sight, to tell whether a cached page may have changed.</summary>
    public static PublicState OfResult(Outcome outcome, FailureKind kind) =>
        !IsVerdict(outcome, kind) ? PublicState.Unknown
        : outcome == Outcome.Down ? PublicState.Down
        : outcome == Outcome.Degraded ? PublicState.Degraded
        : PublicState.Operational;

    /// <summary>The page's state: its worst check's (down, degraded, maintenance, not measured, operational); not
    /// measured when there is no check.</summary>
    public static PublicState Worst(IEnumerable<PublicState> states)
    {
        var worst = (PublicState?)null;
        foreach (var state in states)
        {
            if (worst is null || Severity(state) > Severity(worst.Value))
            {
                worst = state;
            }
        }

        return worst ?? PublicState.Unknown;
    }

    /// <summary>How bad a state is, for <see cref="Worst"/>: operational 0 .. down 4.</summary>
    public static int Severity(PublicState state) => state switch
    {
        PublicState.Down => 4,
        PublicState.Degraded => 3,
        PublicState.Maintenance => 2,
        PublicState.Unknown => 1,
        _ => 0,
    };

    private static bool IsVerdict(Outcome outcome, FailureKind kind) => outcome.IsAmoCrmVerdict() && !kind.IsOwnFault();
}
