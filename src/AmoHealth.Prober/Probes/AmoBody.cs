using System.Text.Json;

namespace AmoHealth.Prober.Probes;

/// <summary>The JSON bodies the probes send to amoCRM, each written by its source-generated contract
/// (<see cref="ProbeJsonContext"/>).</summary>
internal static class AmoBody
{
    /// <summary><c>{"name": ...}</c>: renames a lead.</summary>
    public static string Name(string name) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name },
            ProbeJsonContext.Default.DictionaryStringString);

    /// <summary><c>[{"name": ...}]</c>: creates one lead.</summary>
    public static string NewLead(string name) =>
        JsonSerializer.Serialize([new Dictionary<string, string> { ["name"] = name }],
            ProbeJsonContext.Default.DictionaryStringStringArray);

    /// <summary><c>{"status_id": ...}</c>: moves a lead to a stage.</summary>
    public static string Stage(long stageId) =>
        JsonSerializer.Serialize(new Dictionary<string, long> { ["status_id"] = stageId },
            ProbeJsonContext.Default.DictionaryStringInt64);

    /// <summary><c>{"destination": ..., "settings": [...]}</c>: subscribes a receiver to events.</summary>
    public static string Subscription(string destination, params string[] events) =>
        JsonSerializer.Serialize(new WebhookSubscription(destination, events),
            ProbeJsonContext.Default.WebhookSubscription);

    /// <summary><c>{"destination": ...}</c>: removes a receiver's subscription.</summary>
    public static string Unsubscription(string destination) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["destination"] = destination },
            ProbeJsonContext.Default.DictionaryStringString);
}
