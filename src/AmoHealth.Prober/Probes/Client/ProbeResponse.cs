using System.Net;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>What a probe received: enough to judge the answer, with the body capped.</summary>
public sealed record ProbeResponse(HttpStatusCode StatusCode, string? MediaType, string Body)
{
    public int Status => (int)StatusCode;

    /// <summary>The <c>Retry-After</c> header, when sent.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
