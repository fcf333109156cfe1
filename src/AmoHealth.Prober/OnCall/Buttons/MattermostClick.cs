using System.Text.Json.Serialization;
using AmoHealth.Core.Alerting.Channels;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>What Mattermost posts to a button's integration URL on a click (the fields used here).</summary>
public sealed record MattermostClick(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("user_name")] string? UserName,
    [property: JsonPropertyName("channel_id")] string? ChannelId,
    [property: JsonPropertyName("post_id")] string? PostId,
    [property: JsonPropertyName("context")] AckContext? Context);
