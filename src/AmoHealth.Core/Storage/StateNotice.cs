namespace AmoHealth.Core.Storage;

/// <summary>The latest thing AmoHealth repaired or could not use in an account, and when.</summary>
public sealed record StateNotice(DateTimeOffset At, string Text);
