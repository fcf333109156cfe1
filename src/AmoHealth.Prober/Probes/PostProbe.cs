using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// POST: the write path without junk. By default it updates the account's test lead with
/// <c>PATCH /api/v4/leads/{id}</c> (creating the lead once); mode <c>create</c> posts a new lead each cycle.
/// </summary>
public sealed class PostProbe(ProbeClient client, TestLeads leads, TimeProvider time) : IProbe
{
    public string CheckType => Core.Checks.CheckType.Post;

    public async Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        if (account.Settings.PostMode == PostMode.Create)
        {
            return (await leads.CreateAsync(account, CheckType, cancellationToken)).Result;
        }

        return await leads.WriteAsync(account, CheckType, id =>
        {
            var body = AmoBody.Name($"{TestLeads.LeadName} {time.GetUtcNow():yyyy-MM-dd HH:mm:ss}");
            var request = ProbeClient.Request.Api(account, HttpMethod.Patch, $"/api/v4/leads/{id}", body);
            return client.SendAsync(account, CheckType, request,
                response => AnswerClassifier.Judge.JsonWithProperty(response, "id"), cancellationToken);
        }, cancellationToken);
    }
}
