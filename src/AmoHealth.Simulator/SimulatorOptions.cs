using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Simulator;

/// <summary>Section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The fake account's subdomain, shown in its responses. Default <c>demo</c>.</summary>
    [Required]
    public string Subdomain { get; set; } = "demo";

    /// <summary>Bearer tokens the fake accepts on <c>/api/v4/*</c>. Default: <c>demo-token</c>.</summary>
    public List<string> AccessTokens { get; set; } = [];

    /// <summary>
    /// Median added latency of amoCRM answers in ms, spread log-normally so charts look like a real service.
    /// 0 answers at once (tests). Default 120.
    /// </summary>
    [Range(0, 60_000)]
    public int MedianLatencyMs { get; set; } = 120;

    /// <summary>Ids of the Mattermost incoming webhooks the fake accepts at <c>/hooks/{id}</c>. Default: <c>demo</c>.</summary>
    public List<string> MattermostHooks { get; set; } = [];
}
