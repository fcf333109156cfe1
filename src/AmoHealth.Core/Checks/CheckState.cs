namespace AmoHealth.Core.Checks;

/// <summary>Where a check's state machine stands: <c>up → suspect → down → recovering → up</c>. Stored by name in
/// <c>check_status.state</c> (<see cref="CheckStateNames"/>).</summary>
public enum CheckState
{
    /// <summary>Succeeding (or never failed).</summary>
    Up,

    /// <summary>Failed; confirmation re-checks are running.</summary>
    Suspect,

    /// <summary>Confirmed down: an incident is open.</summary>
    Down,

    /// <summary>Succeeding again while an incident is open; closes after enough successes.</summary>
    Recovering,
}
