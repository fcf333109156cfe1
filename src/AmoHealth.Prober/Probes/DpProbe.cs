using System.Globalization;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Hooks;
using AmoHealth.Prober.Probing;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// DP, end to end (default with <c>PUBLIC_URL</c> and a DP stage): move the test lead back to the return
/// stage, then into the stage whose Digital Pipeline action sends a webhook to us, and time that webhook.
/// Mode <c>url</c> requests a configured URL; mode <c>api</c> reads the pipelines, where DP is configured.
/// The seed's <c>digitalpipeline.amocrm.ru/health</c> does not exist.
/// </summary>
public sealed class DpProbe(ProbeClient client, TestLeads leads, EndToEnd endToEnd, IOptions<MonitorOptions> options) : IProbe
{
    public string CheckType => Core.Checks.CheckType.Dp;

    public async Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var o = account.SettingsOr(options.Value);
        switch (o.EffectiveDpMode)
        {
            case "url":
                return await client.SendAsync(account, CheckType, new HttpRequestMessage(HttpMethod.Get, o.DpUrl),
                    response => Judge.Status(response, 200), cancellationToken);
            case "api":
                return await client.SendAsync(account, CheckType, AmoRequest.Create(account, HttpMethod.Get, "/api/v4/leads/pipelines"),
                    response => Judge.Status(response, 200), cancellationToken);
        }

        var (leadId, creation) = await leads.GetOrCreateAsync(account, CheckType, cancellationToken);
        if (leadId is not { } id)
        {
            return creation!;
        }

        // The measured move must be a real change of stage, so the lead first goes back (unmeasured).
        var back = await client.SendAsync(account, CheckType, MoveTo(account, id, o.DpReturnStageId!.Value),
            response => Judge.JsonWithProperty(response, "id"), cancellationToken);
        if (back.Outcome is not (Outcome.Up or Outcome.Degraded))
        {
            return back with { ErrorMessage = $"Could not move the test lead back to stage {o.DpReturnStageId}: {back.ErrorMessage}" };
        }

        var idText = id.ToString(CultureInfo.InvariantCulture);
        var stageText = o.DpStageId!.Value.ToString(CultureInfo.InvariantCulture);
        return await endToEnd.MeasureAsync(
            account,
            CheckType,
            d => d.Kind == Delivery.DigitalPipeline && d.Account == account.Name && d["leads[status][0][id]"] == idText && d["leads[status][0][status_id]"] == stageText,
            MoveTo(account, id, o.DpStageId.Value),
            _ => Task.FromResult<string?>(
                $"check that stage {stageText} has the Digital Pipeline action \"send webhook\" to AmoHealth's receiver with ?probe=dp"),
            cancellationToken);
    }

    private static HttpRequestMessage MoveTo(AmoAccount account, long leadId, long stageId) =>
        AmoRequest.Create(account, HttpMethod.Patch, $"/api/v4/leads/{leadId}",
            JsonSerializer.Serialize(new Dictionary<string, object> { ["status_id"] = stageId }));
}
