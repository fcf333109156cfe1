using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;

namespace AmoHealth.Prober.Probes;

/// <summary>Repairing a test lead a write found broken: what amoCRM says about it, reopening a closed one.</summary>
public sealed partial class TestLeads
{
    /// <summary>After a write to <paramref name="leadId"/> failed: the new lead's id if it was gone and is replaced,
    /// else null.</summary>
    private async Task<long?> RepairAsync(Slot lead, string checkType, long leadId, CancellationToken cancellationToken)
    {
        var account = lead.Account;
        var gate = _locks.GetOrAdd(lead.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another check of the same cycle may have repaired it already.
            if (_known.TryGet(account.Name, lead.Key, out var current) && current != leadId)
            {
                return current;
            }

            var (gone, closed, pipeline) = await InspectAsync(account, checkType, leadId, cancellationToken);
            if (closed)
            {
                return await ReopenAsync(account, checkType, leadId, pipeline, cancellationToken) ? leadId : null;
            }

            if (!gone)
            {
                return null;
            }

            _known.Remove(lead.Key);
            var (replacement, _) = await ReplaceAsync(lead, checkType, leadId, cancellationToken);
            return replacement;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>amoCRM's system stages: won and lost. A lead there is closed.</summary>
    private static readonly long[] ClosedStages = [142, 143];

    /// <summary>
    /// Asks amoCRM about the lead: gone (204, or marked deleted), closed (won or lost stage), or fine. Any
    /// other answer (an outage, a 401) proves nothing, so the lead is then taken as fine.
    /// </summary>
    private async Task<(bool Gone, bool Closed, long? PipelineId)> InspectAsync(
        AmoAccount account, string checkType, long leadId, CancellationToken cancellationToken)
    {
        bool gone = false, closed = false;
        long? pipeline = null;
        await client.SendAsync(account, checkType,
            ProbeClient.Request.Api(account, HttpMethod.Get, $"/api/v4/leads/{leadId}"),
            response =>
        {
            if (response.Status == 204)
            {
                gone = true;
                return null;
            }

            if (response.Status != 200)
            {
                return AnswerClassifier.Judge.Status(response, 200);
            }

            try
            {
                using var document = JsonDocument.Parse(response.Body);
                var root = document.RootElement;
                gone = root.TryGetProperty("is_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True;
                closed = root.TryGetProperty("status_id", out var status) && status.TryGetInt64(out var stage)
                    && ClosedStages.Contains(stage);
                pipeline = root.TryGetProperty("pipeline_id", out var p) && p.TryGetInt64(out var pipelineId)
                    ? pipelineId : null;
                return null;
            }
            catch (JsonException)
            {
                return "HTTP 200 but the body is not JSON";
            }
        }, cancellationToken);
        return (gone, closed, pipeline);
    }

    /// <summary>Moves a won or lost test lead back into the return stage (or the pipeline's first stage).</summary>
    private async Task<bool> ReopenAsync(AmoAccount account, string checkType, long leadId, long? pipeline,
        CancellationToken cancellationToken)
    {
        var target = account.Settings.DpReturnStageId ?? await FirstStageAsync(account, checkType, pipeline,
            cancellationToken);
        if (target is not { } stage)
        {
            return false;
        }

        var moved = await client.SendAsync(account, checkType,
            ProbeClient.Request.Api(account, HttpMethod.Patch, $"/api/v4/leads/{leadId}", AmoBody.Stage(stage)),
            response => AnswerClassifier.Judge.JsonWithProperty(response, "id"), cancellationToken);
        if (moved.Outcome.IsSuccess())
        {
            LogReopened(logger, account.Name, leadId, stage);
        }

        return moved.Outcome.IsSuccess();
    }

    /// <summary>The first open stage of the lead's pipeline, from <c>/api/v4/leads/pipelines</c>.</summary>
    private async Task<long?> FirstStageAsync(AmoAccount account, string checkType, long? pipeline,
        CancellationToken cancellationToken)
    {
        var stages = await Pipelines.ReadAsync(client, account, checkType, cancellationToken);
        return stages?.Where(s => (pipeline is null || s.PipelineId == pipeline) && !ClosedStages.Contains(s.Id))
            .OrderBy(s => s.Sort).Select(s => (long?)s.Id).FirstOrDefault();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Test lead {LeadId} of {Account} was closed; moved it back to stage {StageId}")]
    private static partial void LogReopened(ILogger logger, string account, long leadId, long stageId);
}
