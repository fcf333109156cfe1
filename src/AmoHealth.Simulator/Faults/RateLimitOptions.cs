using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Simulator.Faults;

/// <summary>amoCRM's limits. Section <c>Simulator:RateLimit</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per second per token (per integration). Default 7, as amoCRM documents.</summary>
    [Range(1, 10_000)]
    public int PerTokenPerSecond { get; set; } = 7;

    /// <summary>Requests per second for the whole account. Default 50.</summary>
    [Range(1, 100_000)]
    public int PerAccountPerSecond { get; set; } = 50;

    /// <summary>Body of a 429: <c>json</c> (Kommo's documented body with <c>retry_after</c>) or <c>html</c> (the
    /// gateway page amoCRM also sends). Default json.</summary>
    [RegularExpression("^(json|html)$")]
    public string Format { get; set; } = "json";

    /// <summary>After this many 429s within <see cref="ViolationWindowSeconds"/>, the account is blocked (403) until
    /// reset. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int BlockAfterViolations { get; set; } = 100;

    /// <summary>Window for counting violations, in seconds. Default 300.</summary>
    [Range(1, 86_400)]
    public int ViolationWindowSeconds { get; set; } = 300;
}
