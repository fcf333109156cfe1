using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// Section <c>Simulator:Busy</c>: a busy account's background traffic, <c>update_lead</c> deliveries for other
/// leads (batches of several, each with dozens to a hundred and more custom fields, Cyrillic values and tags) to
/// every subscribed webhook. Also switched at run time with <c>PUT /__sim/busy</c>.
/// </summary>
public sealed class BusyOptions
{
    /// <summary>Deliveries per second to each subscribed webhook; 0 is off. Default 0.</summary>
    [Range(0, 1_000)]
    public double DeliveriesPerSecond { get; set; }

    /// <summary>Leads in one delivery, 1 up to this. Default 25.</summary>
    [Range(1, 250)]
    public int MaxLeads { get; set; } = 25;

    /// <summary>Custom fields of one lead, 20 up to this (a busy account's leads carry many). Default 140.</summary>
    [Range(20, 500)]
    public int MaxCustomFields { get; set; } = 140;

    /// <summary>
    /// When above 0, the account's own changed lead (the monitor's test lead) comes at this index of its delivery,
    /// after other leads changed in the same moment; 0 sends it alone, as a quiet account does. Default 0.
    /// </summary>
    [Range(0, 249)]
    public int OwnLeadAt { get; set; }
}
