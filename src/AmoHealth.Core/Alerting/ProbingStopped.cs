namespace AmoHealth.Core.Alerting;

/// <summary>No result stored for <see cref="Configuration.Cadence.SilentAfter"/>: of one account (the Prober's watch),
/// or of any (<see cref="AlertMessages.Everything"/>, the Api's last resort when no Prober is alive).</summary>
public sealed record ProbingStopped(string Account, DateTimeOffset Last, DateTimeOffset At) : AlertEvent(Account);
