using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// DP: a configured Digital Pipeline URL, or else the account's pipelines API, where Digital Pipeline
/// automations are configured. The seed's <c>digitalpipeline.amocrm.ru/health</c> does not exist.
/// </summary>
public sealed class DpProbe(ProbeClient client, IOptions<MonitorOptions> options) : IProbe
{
    public string CheckType => Core.Checks.CheckType.Dp;

    public Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var request = options.Value.DpUrl is { } url
            ? new HttpRequestMessage(HttpMethod.Get, url)
            : AmoRequest.Create(account, HttpMethod.Get, "/api/v4/leads/pipelines");
        return client.SendAsync(account, CheckType, request, response => Judge.Status(response, 200), cancellationToken);
    }
}
