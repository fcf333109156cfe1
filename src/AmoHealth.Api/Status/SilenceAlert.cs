namespace AmoHealth.Api.Status;

/// <summary>The Mattermost incoming-webhook body of the Api's silence alert: <c>{"text":"..."}</c>.</summary>
public sealed record SilenceAlert(string Text);
