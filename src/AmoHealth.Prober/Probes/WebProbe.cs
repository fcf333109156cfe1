using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;

namespace AmoHealth.Prober.Probes;

/// <summary>WEB: the account's web page, unauthenticated; up on a redirect or an HTML page.</summary>
public sealed class WebProbe(ProbeClient client) : IProbe
{
    public string CheckType => Core.Checks.CheckType.Web;

    public Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var request = new ProbeClient.Request(HttpMethod.Get, account.Resolve("/"), Accept: "text/html");
        return client.SendAsync(account, CheckType, request, JudgePage, cancellationToken);
    }

    private static string? JudgePage(ProbeClient.Response response) => response.Status switch
    {
        >= 300 and < 400 => null,
        >= 200 and < 300 when response.MediaType is "text/html" => null,
        >= 200 and < 300 => $"HTTP {response.Status} but not an HTML page ({response.MediaType ?? "no content type"})",
        _ => $"HTTP {response.Status}",
    };
}
