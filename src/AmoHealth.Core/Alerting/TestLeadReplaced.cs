namespace AmoHealth.Core.Alerting;

/// <summary>An account notice: AmoHealth recreated its test lead (the old one was deleted or merged).</summary>
public sealed record TestLeadReplaced(string Account, long OldId, long NewId, bool WasConfigured) : AlertEvent(Account);
