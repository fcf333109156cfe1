using System.Text.Json;
using AmoHealth.Core.Live;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// A delivery's match keys on <see cref="LiveChannels.Hooks"/>, and the checks a message read there passes before
/// it reaches a waiting check: Redis is an input like any other, and a message may be malformed, oversized or a lie.
/// </summary>
public static class RelayMessage
{
    /// <summary>Larger than any well-formed message (<see cref="MatchKeys.MaxLeads"/> leads of each event).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>How far a relayed arrival time may be from this Prober's clock (a relay takes milliseconds).</summary>
    public static readonly TimeSpan MaxClockGap = TimeSpan.FromMinutes(5);

    public static string Write(string origin, Delivery delivery) => JsonSerializer.Serialize(
        new RelayedDelivery(origin, delivery.Kind, delivery.Account ?? string.Empty,
            delivery.Leads.Select(l => new RelayedLead(
                l.Event == LeadEvent.Status ? "status" : "update", l.Id, l.Marker, l.StatusId, l.OldStatusId)).ToList(),
            delivery.ReceivedAt),
        LiveJsonContext.Default.RelayedDelivery);

    /// <summary>Why a relayed delivery is dropped (read by <see cref="LiveInput"/> first), or null when it may reach a
    /// waiting check.</summary>
    public static string? Problem(RelayedDelivery relayed, long now) =>
        relayed is not { Origin.Length: > 0 and <= 64, Account.Length: > 0 and <= 200, Leads: { Count: > 0 } leads }
            || !Delivery.IsKnownKind(relayed.Kind) ? "missing or unknown origin, kind, account or leads"
        : leads.Count > 2 * MatchKeys.MaxLeads || Math.Abs(now - relayed.ReceivedAt) > (
            long)MaxClockGap.TotalMilliseconds
            ? "too many leads or an implausible arrival time"
        : leads.Any(lead => ToEntry(lead) is null) ? "a lead of the wrong shape"
        : null;

    /// <summary>The delivery a relayed message names, once <see cref="Problem"/> found nothing wrong.</summary>
    public static Delivery ToDelivery(RelayedDelivery relayed) =>
        new(relayed.Kind, relayed.Account, relayed.Leads.Select(lead => ToEntry(lead)!).ToList(), relayed.ReceivedAt);

    private static LeadEntry? ToEntry(RelayedLead? lead) => lead switch
    {
        { Event: "update", Id: > 0, Marker: { } marker, StatusId: null, OldStatusId: null }
            when ProbeMarker.TryRead($"{TestLeads.LeadName} {marker}") is not null => new LeadEntry(LeadEvent.Update,
                lead.Id, marker, null, null),
        { Event: "status", Id: > 0, Marker: null, StatusId: null or > 0, OldStatusId: null or > 0 } =>
            new LeadEntry(LeadEvent.Status, lead.Id, null, lead.StatusId, lead.OldStatusId),
        _ => null,
    };
}
