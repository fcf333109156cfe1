namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>One webhook amoCRM delivered to us, with its form fields (bracket keys, string values).</summary>
/// <param name="Kind"><see cref="AccountWebhook"/> for account webhooks, <see cref="DigitalPipeline"/> for DP actions.</param>
/// <param name="ReceivedAt">Arrival, Unix milliseconds.</param>
/// <param name="Account">The account named in the receiver URL (<c>?account=</c>).</param>
public sealed record Delivery(string Kind, string? Account, IReadOnlyDictionary<string, string> Form, long ReceivedAt)
{
    public const string AccountWebhook = "account";
    public const string DigitalPipeline = "dp";

    public string? this[string key] => Form.TryGetValue(key, out var value) ? value : null;
}
