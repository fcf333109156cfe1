namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// One lead of a delivery, as far as matching needs it (<c>leads[update][n]</c> or <c>leads[status][n]</c>).
/// </summary>
/// <param name="Marker">
/// The probe's marker when the lead's name is one HOOK wrote (<see cref="ProbeMarker"/>), else null: a
/// customer's lead name is never kept.
/// </param>
public sealed record LeadEntry(LeadEvent Event, long Id, string? Marker, long? StatusId, long? OldStatusId);
