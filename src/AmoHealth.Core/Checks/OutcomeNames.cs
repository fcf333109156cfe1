namespace AmoHealth.Core.Checks;

/// <summary>Wire and storage names of <see cref="Outcome"/> and the seed's up/down status derived from it.</summary>
public static class OutcomeNames
{
    private static readonly Dictionary<Outcome, string> Names = new()
    {
        [Outcome.Up] = "up",
        [Outcome.Degraded] = "degraded",
        [Outcome.Down] = "down",
        [Outcome.AuthFailed] = "auth_failed",
        [Outcome.Throttled] = "throttled",
        [Outcome.Blocked] = "blocked",
        [Outcome.Billing] = "billing",
    };

    private static readonly Dictionary<string, Outcome> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string ToName(this Outcome outcome) => Names[outcome];

    public static Outcome Parse(string name) =>
        ByName.TryGetValue(name, out var outcome)
            ? outcome
            : throw new FormatException($"Unknown outcome '{name}'.");

    /// <summary>The seed's status: a slow but correct answer is still "up".</summary>
    public static string ToStatus(this Outcome outcome) =>
        outcome.IsSuccess() ? Status.Up : Status.Down;

    /// <summary>Whether the result is amoCRM's verdict on its own health (up, slow, down), which uptime and latency
    /// count; a rejected token, a 429, a block or an unpaid account is amoCRM answering, and counts apart.</summary>
    public static bool IsAmoCrmVerdict(this Outcome outcome) =>
        outcome is Outcome.Up or Outcome.Degraded or Outcome.Down;

    /// <summary>A correct answer, slow or not: the one place that says what counts as success.</summary>
    public static bool IsSuccess(this Outcome outcome) => outcome is Outcome.Up or Outcome.Degraded;

    /// <summary>The seed's two status values.</summary>
    public static class Status
    {
        public const string Up = "up";
        public const string Down = "down";
    }
}
