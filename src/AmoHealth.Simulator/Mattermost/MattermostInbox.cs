using System.Text.Json.Nodes;

namespace AmoHealth.Simulator.Mattermost;

/// <summary>Every payload the fake Mattermost accepted, with its arrival time and post id, for tests and the demo. A
/// button's click may replace a post's text and attachments, as Mattermost applies an integration's update.</summary>
public sealed class MattermostInbox
{
    private readonly List<ReceivedMessage> _messages = [];

    public void Add(ReceivedMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }
    }

    public IReadOnlyList<ReceivedMessage> All
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Clear()
    {
        lock (_messages)
        {
            _messages.Clear();
        }
    }

    /// <summary>Replaces post <paramref name="postId"/>'s payload by a changed copy (readers keep the one they have).
    /// </summary>
    public bool Update(string postId, Action<JsonObject> change)
    {
        lock (_messages)
        {
            var index = _messages.FindIndex(m => m.PostId == postId);
            if (index < 0)
            {
                return false;
            }

            var payload = (JsonObject)_messages[index].Payload.DeepClone();
            change(payload);
            _messages[index] = _messages[index] with { Payload = payload };
            return true;
        }
    }

    /// <summary>When set, every post fails with this status (Mattermost down, disabled, rate limiting...).</summary>
    public int? FailStatus { get; set; }

    public sealed record ReceivedMessage(string HookId, long ReceivedAt, JsonObject Payload)
    {
        /// <summary>A Mattermost post id: 26 lowercase letters and digits.</summary>
        public string PostId { get; init; } = Guid.NewGuid().ToString("N")[..26];
    }
}
