using System.ComponentModel.DataAnnotations;
using AmoHealth.Simulator.Faults;
using AmoHealth.Simulator.OAuth;

namespace AmoHealth.Simulator;

/// <summary>Section <c>Simulator</c>.</summary>
public sealed class SimulatorOptions : IValidatableObject
{
    public const string SectionName = "Simulator";

    /// <summary>The fake account's subdomain, shown in its responses and webhooks. Default <c>demo</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9-]+$")]
    public string Subdomain { get; set; } = "demo";

    /// <summary>Pre-issued long-lived tokens the fake always accepts (admin rights, no expiry). Default:
    /// <c>demo-token</c>.</summary>
    public List<string> AccessTokens { get; set; } = [];

    /// <summary>Median added latency of amoCRM answers in ms, spread log-normally so charts look like a real service. 0
    /// answers at once (tests). Default 120.</summary>
    [Range(0, 60_000)]
    public int MedianLatencyMs { get; set; } = 120;

    /// <summary>Median delay of webhook and Digital Pipeline deliveries in ms, log-normal like the API. 0 sends at once
    /// (tests). Default 400.</summary>
    [Range(0, 600_000)]
    public int DeliveryMedianLatencyMs { get; set; } = 400;

    /// <summary>Ids of the Mattermost incoming webhooks the fake accepts at <c>/hooks/{id}</c>. Default:
    /// <c>demo</c>.</summary>
    public List<string> MattermostHooks { get; set; } = [];

    /// <summary>Digital Pipeline "send webhook" actions to configure at start: stage id → URL.</summary>
    public Dictionary<long, string> DpActions { get; set; } = [];

    public IntegrationOptions Integration { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public Webhooks.BusyOptions Busy { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Integration, new ValidationContext(Integration), results,
            validateAllProperties: true);
        Validator.TryValidateObject(RateLimit, new ValidationContext(RateLimit), results, validateAllProperties: true);
        Validator.TryValidateObject(Busy, new ValidationContext(Busy), results, validateAllProperties: true);
        foreach (var (stage, url) in DpActions)
        {
            if (!Amo.AccountState.IsStage(stage) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                results.Add(
                    new ValidationResult(
                    $"Simulator:DpActions:{stage} must name a stage of the pipeline and an absolute URL."));
            }
        }

        return results;
    }
}
