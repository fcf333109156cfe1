using System.Collections.Concurrent;
using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Configuration;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Hooks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// DP, end to end (default with <c>PUBLIC_URL</c> and a DP stage): move a test lead back to the return
/// stage, then into the stage whose Digital Pipeline action sends a webhook to us, and time that webhook.
/// Mode <c>url</c> requests a configured URL; mode <c>api</c> reads the pipelines, where DP is configured.
/// The seed's <c>digitalpipeline.amocrm.ru/health</c> does not exist.
/// </summary>
/// <remarks>
/// A DP delivery names only the lead and the stages, so two moves of one lead cannot be told apart. When
/// amoCRM's DP runs later than the deadline, the late delivery of one move would look like an instant
/// delivery of the next. So the check moves two leads in turn and never moves a lead whose previous
/// delivery is still outstanding: a late delivery is caught by its own move (logged as late, closing
/// nothing), and with both leads outstanding the check reports the backlog without moving anything.
/// </remarks>
public sealed partial class DpProbe(
    ProbeClient client,
    TestLeads leads,
    EndToEnd endToEnd,
    DeliveryWaiters waiters,
    ProbeStateStore state,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    ILogger<DpProbe> logger) : IProbe
{
    private const int Slots = 2;

    private readonly ConcurrentDictionary<(string Account, int Slot), Outstanding> _outstanding = new();

    public string CheckType => Core.Checks.CheckType.Dp;

    public async Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var o = account.Settings;
        var global = options.Value;
        switch (o.DpMode)
        {
            case DpMode.Url:
                return await client.SendAsync(account, CheckType,
                    new ProbeClient.Request(HttpMethod.Get, new Uri(o.DpUrl!)),
                    response => AnswerClassifier.Judge.Status(response, 200), cancellationToken);
            case DpMode.Api:
                return await client.SendAsync(account, CheckType, ProbeClient.Request.Api(account, HttpMethod.Get,
                    "/api/v4/leads/pipelines"),
                    response => AnswerClassifier.Judge.Status(response, 200), cancellationToken);
        }

        if (await endToEnd.NotReadyAsync(account, CheckType, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        if (FreeSlot(account, o) is not { } slot)
        {
            var now = time.GetUtcNow();
            var waited = now - _outstanding.Where(p => p.Key.Account == account.Name).Min(p => p.Value.SentAt);
            var receiver = global.MaskedReceiverUrl(account.Name, dp: true);
            return new ProbeResult(account.Name, CheckType, Outcome.Down, null, now.ToUnixTimeMilliseconds(), null,
                "Digital Pipeline is late or not delivering: the delivery for the move sent "
                + string.Create(CultureInfo.InvariantCulture,
                    $"{(int)waited.TotalSeconds} s ago has not arrived (deadline {o.DeliveryDeadlineMs} ms); ")
                + string.Create(CultureInfo.InvariantCulture,
                    $"not moving again until it does. If nothing arrives at all, check that stage {o.DpStageId} ")
                + $"has the Digital Pipeline action \"send webhook\" to {receiver}")
            {
                Kind = FailureKind.NoDelivery,
            };
        }

        var result = await leads.WriteAsync(account, CheckType, id => MoveAsync(account, o, id, slot,
            cancellationToken), cancellationToken, slot);
        if (result.Outcome.IsSuccess() is false && result.HttpStatus == 400 && await StageProblemAsync(account, o,
            cancellationToken) is { } problem)
        {
            await state.SetOwnedAsync(account.Name, ProbeStateKeys.Notice, new StateNotice(time.GetUtcNow(), problem),
                cancellationToken);
            return result with { ErrorMessage = problem, Kind = FailureKind.Configuration };
        }

        return result;
    }

    /// <summary>A lead whose last move is settled: delivered, or older than the late horizon.</summary>
    private int? FreeSlot(AmoAccount account, AccountSettings o)
    {
        var now = time.GetUtcNow();
        var horizon = new Cadence(options.Value.CheckInterval).LateHorizon(o.DeliveryDeadline);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (!_outstanding.TryGetValue((account.Name, slot), out var move))
            {
                return slot;
            }

            if (move.Catcher.Arrived.IsCompletedSuccessfully)
            {
                var arrivedAt = DateTimeOffset.FromUnixTimeMilliseconds(move.Catcher.Arrived.Result);
                LogLate(logger, account.Name, arrivedAt - move.SentAt, o.DeliveryDeadline);
                Settle(account, slot);
                return slot;
            }

            if (now - move.SentAt > horizon)
            {
                Settle(account, slot);
                return slot;
            }
        }

        return null;
    }

    private void Settle(AmoAccount account, int slot)
    {
        if (_outstanding.TryRemove((account.Name, slot), out var move))
        {
            move.Catcher.Dispose();
        }
    }

    private async Task<ProbeResult> MoveAsync(AmoAccount account, AccountSettings o, long id, int slot,
        CancellationToken cancellationToken)
    {
        // The measured move must be a real change of stage, so the lead first goes back (unmeasured).
        var back = await client.SendAsync(account, CheckType, MoveTo(account, id, o.DpReturnStageId!.Value),
            response => AnswerClassifier.Judge.JsonWithProperty(response, "id"), cancellationToken);
        if (back.Outcome.IsSuccess() is false)
        {
            return back with { ErrorMessage = $"Could not move the test lead back to stage {o.DpReturnStageId}: "
                + $"{back.ErrorMessage}" };
        }

        // A delivery counts only for the move made now: this lead, from the return stage into the DP stage, and
        // (the waiters see to it) arriving after the move was sent, so not a replay or an older move's delivery.
        var stage = o.DpStageId!.Value;
        var from = o.DpReturnStageId.Value;
        bool Match(Delivery d) =>
            d.Kind == Delivery.DigitalPipeline && d.Account == account.Name
            && d.Leads.Any(l => l.Event == LeadEvent.Status && l.Id == id && l.StatusId == stage
                && l.OldStatusId == from);

        // Registered before the move, like the measuring waiter: it keeps watching after the deadline.
        var catcher = waiters.Register(account.Name, Match);
        var result = await endToEnd.MeasureAsync(
            account,
            CheckType,
            Match,
            MoveTo(account, id, stage),
            _ => Task.FromResult<string?>(
                $"check that stage {stage.ToString(CultureInfo.InvariantCulture)} has the Digital Pipeline action "
                    + $"\"send webhook\" to {options.Value.MaskedReceiverUrl(account.Name, dp: true)}"),
            cancellationToken);
        catcher.CountFrom(result.Timestamp);
        if (result.Outcome.IsSuccess() || result.HttpStatus is not (>= 200 and < 300) || result.OwnFault)
        {
            catcher.Dispose();
        }
        else
        {
            // Moved, but nothing arrived in time: this lead waits for its own delivery before it moves again.
            var sentAt = DateTimeOffset.FromUnixTimeMilliseconds(result.Timestamp);
            _outstanding[(account.Name, slot)] = new Outstanding(sentAt, catcher);
        }

        return result;
    }

    /// <summary>A configured stage id that the account does not have: our configuration, not a DP outage.</summary>
    private async Task<string?> StageProblemAsync(AmoAccount account, AccountSettings o,
        CancellationToken cancellationToken)
    {
        var stages = await Pipelines.ReadAsync(client, account, CheckType, cancellationToken);
        if (stages is null)
        {
            return null;
        }

        var missing = new[] { ("DpStageId", o.DpStageId!.Value), ("DpReturnStageId", o.DpReturnStageId!.Value) }
            .Where(s => stages.All(x => x.Id != s.Item2))
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"Monitor:{s.Item1} {s.Item2}"))
            .ToList();
        var verb = missing.Count == 1 ? "is not a stage" : "are not stages";
        return missing.Count == 0
            ? null
            : $"Configuration error: {string.Join(" and ", missing)} {verb} of any pipeline in this account; "
                + "set existing stage ids (GET /api/v4/leads/pipelines lists them)";
    }

    private static ProbeClient.Request MoveTo(AmoAccount account, long leadId, long stageId) =>
        ProbeClient.Request.Api(account, HttpMethod.Patch, $"/api/v4/leads/{leadId}",
            AmoBody.Stage(stageId));

    private sealed record Outstanding(DateTimeOffset SentAt, DeliveryWaiters.Waiter Catcher);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Digital Pipeline delivery for {Account} arrived late: "
        + "{Late} after its move (deadline {Deadline}); it counts for that move only")]
    private static partial void LogLate(ILogger logger, string account, TimeSpan late, TimeSpan deadline);
}
