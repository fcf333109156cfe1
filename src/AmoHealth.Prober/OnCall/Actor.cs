using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Prober.OnCall;

/// <summary>Who asks for an on-call action: a dashboard or API user (from the Gateway's headers), or the person who
/// clicked a Mattermost or Telegram button (an operator).</summary>
public sealed record Actor(string Name, Role Role);
