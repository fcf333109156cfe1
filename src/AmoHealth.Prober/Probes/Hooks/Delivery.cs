namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// What the receiver keeps of one webhook amoCRM delivered: the match keys of its leads, never the form itself
/// (a delivery carries a customer's lead with all its fields; see <see cref="MatchKeys"/>).
/// </summary>
/// <param name="Kind"><see cref="AccountWebhook"/> for account webhooks, <see cref="DigitalPipeline"/> for DP
/// actions.</param>
/// <param name="Account">The account named in the receiver URL (<c>?account=</c>).</param>
/// <param name="Leads">The leads the delivery names, at any index, up to <see cref="MatchKeys.MaxLeads"/>.</param>
/// <param name="ReceivedAt">Arrival, Unix milliseconds.</param>
public sealed record Delivery(string Kind, string? Account, IReadOnlyList<LeadEntry> Leads, long ReceivedAt)
{
    public const string AccountWebhook = "account";
    public const string DigitalPipeline = "dp";

    public static bool IsKnownKind(string? kind) => kind is AccountWebhook or DigitalPipeline;
}
