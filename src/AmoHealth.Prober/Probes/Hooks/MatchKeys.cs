using System.Globalization;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// The match keys of one delivery, collected while its form streams in. Only these keys are read, at any
/// index <c>n</c> below <see cref="MaxLeads"/>: <c>leads[update][n][id]</c> and <c>[name]</c> (kept only as
/// HOOK's <see cref="ProbeMarker"/>), <c>leads[status][n][id]</c>, <c>[status_id]</c> and <c>[old_status_id]</c>.
/// Everything else (custom fields, tags, prices, other names) is skipped unread.
/// </summary>
public sealed class MatchKeys
{
    /// <summary>Leads per event read from one delivery; a larger batch's later leads are skipped.</summary>
    public const int MaxLeads = 500;

    private readonly Dictionary<(LeadEvent Event, int Index), Lead> _leads = [];

    public static bool Wants(string key) => Parse(key) is not null;

    /// <summary>Takes a pair whose key <see cref="Wants"/>; any other pair is ignored.</summary>
    public void Add(string key, string value)
    {
        if (Parse(key) is not var (evt, index, field))
        {
            return;
        }

        if (!_leads.TryGetValue((evt, index), out var lead))
        {
            lead = new Lead();
            _leads[(evt, index)] = lead;
        }

        switch (field)
        {
            case "id":
                lead.Id = Number(value);
                break;
            case "name":
                lead.Marker = ProbeMarker.TryRead(value);
                break;
            case "status_id":
                lead.StatusId = Number(value);
                break;
            case "old_status_id":
                lead.OldStatusId = Number(value);
                break;
        }
    }

    /// <summary>
    /// The leads that can match: a status change with its lead id, an update whose name is HOOK's marker (an
    /// update of any other lead is of no use to a check, so not even its id is kept).
    /// </summary>
    public IReadOnlyList<LeadEntry> ToEntries() => _leads
        .Where(p => p.Value.Id is > 0 && (p.Key.Event == LeadEvent.Status || p.Value.Marker is not null))
        .OrderBy(p => p.Key.Event).ThenBy(p => p.Key.Index)
        .Select(p => p.Key.Event == LeadEvent.Status
            ? new LeadEntry(LeadEvent.Status, p.Value.Id!.Value, null, p.Value.StatusId, p.Value.OldStatusId)
            : new LeadEntry(LeadEvent.Update, p.Value.Id!.Value, p.Value.Marker, null, null))
        .ToList();

    /// <summary><c>leads[{update|status}][{n}][{field}]</c> with a field matching needs for that event, or
    /// null.</summary>
    private static (LeadEvent Event, int Index, string Field)? Parse(string key)
    {
        const string Leads = "leads[";
        if (!key.StartsWith(Leads, StringComparison.Ordinal) || key[^1] != ']')
        {
            return null;
        }

        var rest = key.AsSpan(Leads.Length, key.Length - Leads.Length - 1);
        LeadEvent evt;
        if (rest.StartsWith("update]["))
        {
            evt = LeadEvent.Update;
            rest = rest["update][".Length..];
        }
        else if (rest.StartsWith("status]["))
        {
            evt = LeadEvent.Status;
            rest = rest["status][".Length..];
        }
        else
        {
            return null;
        }

        var close = rest.IndexOf("][", StringComparison.Ordinal);
        if (close is < 1 or > 3 || !int.TryParse(rest[..close], NumberStyles.None, CultureInfo.InvariantCulture,
            out var index)
            || index >= MaxLeads || (close > 1 && rest[0] == '0'))
        {
            return null;
        }

        string? field = rest[(close + 2)..] switch
        {
            "id" => "id",
            "name" when evt == LeadEvent.Update => "name",
            "status_id" when evt == LeadEvent.Status => "status_id",
            "old_status_id" when evt == LeadEvent.Status => "old_status_id",
            _ => null,
        };
        return field is null ? null : (evt, index, field);
    }

    private static long? Number(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
            : null;

    private sealed class Lead
    {
        public long? Id { get; set; }

        public string? Marker { get; set; }

        public long? StatusId { get; set; }

        public long? OldStatusId { get; set; }
    }
}
