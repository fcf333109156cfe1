namespace AmoHealth.Core.Alerting.Channels;

/// <summary>One extra channel, <c>Alerts:Channels:&lt;name&gt;</c>, that receives only what is addressed to it by
/// name (escalations), never the normal alerts.</summary>
public sealed class NamedChannelOptions
{
    /// <summary><c>mattermost</c>, <c>telegram</c> or <c>webhook</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The incoming webhook (mattermost), the receiving URL (webhook) or the Bot API base URL (telegram,
    /// optional). A secret: never logged.</summary>
    public string? Url { get; set; }

    /// <summary>The bot's token (telegram). A secret: never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Chat id or <c>@channelusername</c> (telegram).</summary>
    public string? ChatId { get; set; }
}
