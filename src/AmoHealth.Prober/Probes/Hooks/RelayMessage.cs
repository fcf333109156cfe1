using System.Text.Json;
using AmoHealth.Core.Live;
using StackExchange.Redis;

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

    /// <summary>The delivery and the Prober it came from, or the reason the message is dropped.</summary>
    public static (Delivery? Delivery, string? Origin, string? Problem) Read(RedisValue message, long now)
    {
        if (message.IsNullOrEmpty || message.Length() > MaxBytes)
        {
            return (null, null, message.IsNullOrEmpty ? "empty" : "oversized");
        }

        RelayedDelivery? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)message).Span, LiveJsonContext.Default.RelayedDelivery);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return (null, null, "not JSON of the expected shape");
        }

        if (relayed is not { Origin.Length: > 0 and <= 64, Account.Length: > 0 and <= 200, Leads: { Count: > 0 } leads }
            || !Delivery.IsKnownKind(relayed.Kind))
        {
            return (null, null, "missing or unknown origin, kind, account or leads");
        }

        if (leads.Count > 2 * MatchKeys.MaxLeads || Math.Abs(now - relayed.ReceivedAt) > (long)MaxClockGap.TotalMilliseconds)
        {
            return (null, null, "too many leads or an implausible arrival time");
        }

        var entries = new List<LeadEntry>(leads.Count);
        foreach (var lead in leads)
        {
            if (ToEntry(lead) is not { } entry)
            {
                return (null, null, "a lead of the wrong shape");
            }

            entries.Add(entry);
        }

        return (new Delivery(relayed.Kind, relayed.Account, entries, relayed.ReceivedAt), relayed.Origin, null);
    }

    private static LeadEntry? ToEntry(RelayedLead? lead) => lead switch
    {
        { Event: "update", Id: > 0, Marker: { } marker, StatusId: null, OldStatusId: null }
            when ProbeMarker.TryRead($"{TestLeads.LeadName} {marker}") is not null => new LeadEntry(LeadEvent.Update, lead.Id, marker, null, null),
        { Event: "status", Id: > 0, Marker: null, StatusId: null or > 0, OldStatusId: null or > 0 } =>
            new LeadEntry(LeadEvent.Status, lead.Id, null, lead.StatusId, lead.OldStatusId),
        _ => null,
    };
}
