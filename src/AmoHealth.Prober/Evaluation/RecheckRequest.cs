namespace AmoHealth.Prober.Evaluation;

/// <summary>
/// Run one check again after <paramref name="Delay"/>, outside its cycle, to confirm a failure or a recovery.
/// </summary>
public sealed record RecheckRequest(string Account, string CheckType, TimeSpan Delay);
