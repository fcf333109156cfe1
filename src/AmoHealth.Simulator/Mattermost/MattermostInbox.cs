using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AmoHealth.Simulator.Mattermost;

/// <summary>Every payload the fake Mattermost accepted, with its arrival time, for tests and the demo.</summary>
public sealed class MattermostInbox
{
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();

    public void Add(ReceivedMessage message) => _messages.Enqueue(message);

    public IReadOnlyList<ReceivedMessage> All => _messages.ToArray();

    public void Clear() => _messages.Clear();

    /// <summary>When set, every post fails with this status (Mattermost down, disabled, rate limiting...).</summary>
    public int? FailStatus { get; set; }

    public sealed record ReceivedMessage(string HookId, long ReceivedAt, JsonObject Payload);
}
