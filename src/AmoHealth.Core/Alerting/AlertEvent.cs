namespace AmoHealth.Core.Alerting;

/// <summary>Something the operator should hear about, as evaluation (or a watch) saw it: a typed fact without wording.
/// <see cref="AlertMessages"/> turns it into the outbox message in the configured language.</summary>
public abstract record AlertEvent(string Account);
