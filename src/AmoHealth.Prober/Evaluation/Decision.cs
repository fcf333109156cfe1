namespace AmoHealth.Prober.Evaluation;

/// <summary>What a result means for its check: open or close an incident, and whether to re-check soon.</summary>
public readonly record struct Decision(bool OpenIncident, bool CloseIncident, TimeSpan? RecheckIn)
{
    public static Decision None => default;
}
