using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>GET: the read path, <c>GET /api/v4/account</c> (configurable); up on 200 with a JSON <c>id</c>.</summary>
public sealed class GetProbe(ProbeClient client) : IProbe
{
    public string CheckType => Core.Checks.CheckType.Get;

    public Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken) =>
        client.SendAsync(account, CheckType, ProbeClient.Request.Api(account, HttpMethod.Get, account.Settings.GetPath),
            response => AnswerClassifier.Judge.JsonWithProperty(response, "id"), cancellationToken);
}
