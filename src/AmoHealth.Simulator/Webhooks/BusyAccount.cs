using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// The busy-account traffic as set now (from <see cref="BusyOptions"/> at start, then the control API), and what it
/// sent.
/// </summary>
public sealed class BusyAccount(IOptions<SimulatorOptions> options)
{
    private long _sent;

    /// <summary>The current setting; replaced as a whole, so the sender never sees half of a change.</summary>
    public BusySetting Setting { get; set; } = new(
        options.Value.Busy.DeliveriesPerSecond, options.Value.Busy.MaxLeads, options.Value.Busy.MaxCustomFields,
            options.Value.Busy.OwnLeadAt);

    /// <summary>Busy deliveries started (each to one subscribed webhook).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public void Count(int deliveries) => Interlocked.Add(ref _sent, deliveries);

    public sealed record BusySetting(double DeliveriesPerSecond, int MaxLeads, int MaxCustomFields, int OwnLeadAt);
}
