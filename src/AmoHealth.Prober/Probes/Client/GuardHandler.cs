using AmoHealth.Core.Checks;
using AmoHealth.Prober.Probes.Safety;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// The account's request budget, outermost in the pipeline: spaces API calls (waiting before the timed part
/// starts), refuses to send while amoCRM has paused (429) or blocked (403) us, and learns from each answer.
/// Requests to other hosts (the web UI) pass untouched.
/// </summary>
public sealed class GuardHandler(AccountGuards guards, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var account = ProbeRequest.AccountOf(request);
        if (!ProbeRequest.IsApi(account, request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var guard = guards.For(account.Name);
        var admission = guard.Admit();
        if (!admission.Allowed)
        {
            throw new ProbeDeniedException(admission.DeniedAs!.Value, admission.Reason!, admission.Until);
        }

        if (admission.Wait > TimeSpan.Zero)
        {
            await Task.Delay(admission.Wait, time, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        // The status and media type decide; only a 429's body is read (for its retry_after), once. The pause is
        // recorded before that read, so an answer whose body cannot be read still pauses for the default wait.
        var status = new ProbeResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, string.Empty);
        var outcome = AnswerClassifier.Special(status)?.Outcome ?? (response.IsSuccessStatusCode ? Outcome.Up : Outcome.Down);
        guard.Record(outcome, null);
        if (outcome == Outcome.Throttled && AnswerClassifier.RetryAfterOf(await AnswerClassifier.ReadAsync(response, cancellationToken)) is { } asked)
        {
            guard.Record(outcome, asked);
        }

        return response;
    }
}
