using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;

namespace AmoHealth.Prober.Probes;

/// <summary>HOOK: the seed's check, <c>GET /api/v4/webhooks</c>; up on 200, or 204 when the account has none.</summary>
public sealed class HookProbe(ProbeClient client) : IProbe
{
    public string CheckType => Core.Checks.CheckType.Hook;

    public Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken) =>
        client.SendAsync(account, CheckType, AmoRequest.Create(account, HttpMethod.Get, "/api/v4/webhooks"),
            response => Judge.Status(response, 200, 204), cancellationToken);
}
