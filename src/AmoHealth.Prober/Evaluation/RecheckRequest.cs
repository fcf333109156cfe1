namespace AmoHealth.Prober.Evaluation;

/// <summary>Runs one check again after <paramref name="Delay"/>, outside its cycle, to confirm a change.</summary>
public sealed record RecheckRequest(string Account, string CheckType, TimeSpan Delay);
