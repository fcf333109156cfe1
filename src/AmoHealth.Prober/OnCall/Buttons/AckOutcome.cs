namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>What a click did: the incidents it took and the line saying so, or why it took none.</summary>
public sealed record AckOutcome(IReadOnlyList<long> Applied, string? TakenLine, string? Refusal)
{
    public bool Refused => Applied.Count == 0;

    public static AckOutcome Refuse(string why) => new([], null, why);
}
