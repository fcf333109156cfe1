using System.Net;

namespace AmoHealth.Prober.Probing;

/// <summary>What a probe received: enough to judge the answer, with the body capped.</summary>
public sealed record ProbeResponse(HttpStatusCode StatusCode, string? MediaType, string Body)
{
    public int Status => (int)StatusCode;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The <c>Retry-After</c> header, when sent.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
