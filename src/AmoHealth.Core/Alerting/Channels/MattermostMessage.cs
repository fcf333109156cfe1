namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The body of a Mattermost incoming webhook post: <c>{"text": ...}</c>.</summary>
public sealed record MattermostMessage(string Text);
