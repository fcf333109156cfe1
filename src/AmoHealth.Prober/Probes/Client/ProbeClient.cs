using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Prober.Probes.Tokens;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// Sends one probe request through the pipeline <see cref="GuardHandler"/> (request budget, 429/403 pauses) →
/// <see cref="BearerTokenHandler"/> (token, one refresh on 401) → <see cref="TimingHandler"/> (fresh connection,
/// timeout, phases) → the <c>probe</c> HTTP client, and turns whatever happens into a <see cref="ProbeResult"/>
/// with <see cref="AnswerClassifier"/>. No retries beyond the token refresh: a retry would hide an outage and
/// distort latency.
/// </summary>
public sealed class ProbeClient
{
    public const string HttpClientName = "probe";

    private readonly HttpMessageInvoker _pipeline;
    private readonly TimeProvider _time;
    private readonly IOptions<MonitorOptions> _options;

    public ProbeClient(IHttpClientFactory httpClients, TimeProvider time, IOptions<MonitorOptions> options, AccountGuards guards, TokenSources tokens)
    {
        _time = time;
        _options = options;
        BodyEncoding.Prepare();
        _pipeline = new HttpMessageInvoker(
            new GuardHandler(guards, time)
            {
                InnerHandler = new BearerTokenHandler(tokens)
                {
                    InnerHandler = new TimingHandler(options, time) { InnerHandler = new FactoryHandler(httpClients) },
                },
            },
            disposeHandler: false);
    }

    /// <summary>
    /// Sends <paramref name="request"/> for <paramref name="checkType"/>. <paramref name="judge"/> looks at a
    /// response that is not one of amoCRM's special statuses and returns null when it is correct, else the reason.
    /// </summary>
    public async Task<ProbeResult> SendAsync(
        AmoAccount account,
        string checkType,
        HttpRequestMessage request,
        Func<ProbeResponse, string?> judge,
        CancellationToken cancellationToken)
    {
        using var _ = request;
        request.Options.Set(ProbeRequest.Account, account);
        var startedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            using var response = await _pipeline.SendAsync(request, cancellationToken);
            // The attempt that answered: after a token refresh that is the retried copy, with its own timing.
            var timing = Timing(response.RequestMessage ?? request)!;
            var answer = await AnswerClassifier.ReadAsync(response, cancellationToken);
            var elapsed = timing.ElapsedMs;
            var threshold = account.Settings.DegradedThresholdMs(checkType);
            var (outcome, error) = AnswerClassifier.Classify(answer, judge, elapsed, threshold);
            return new ProbeResult(account.Name, checkType, outcome, elapsed, timing.StartedAtUnixMs, answer.Status, error, timing.ToPhases())
            {
                RetryAfter = outcome == Outcome.Throttled ? AnswerClassifier.RetryAfterOf(answer) : null,
            };
        }
        catch (ProbeDeniedException denied)
        {
            // No request at all: amoCRM asked us to stop. The result says so instead of going silent.
            return new ProbeResult(account.Name, checkType, denied.DeniedAs, null, startedAt, null, denied.Message) { PausedUntil = denied.Until };
        }
        catch (TokenUnavailableException ex)
        {
            return new ProbeResult(account.Name, checkType, Outcome.AuthFailed, null, startedAt, null, ex.Message);
        }
        catch (ProbeTimeoutException ex)
        {
            return Failed(account, checkType, request, startedAt, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return Failed(account, checkType, request, startedAt, AnswerClassifier.Describe(ex.HttpRequestError));
        }
    }

    private ProbeResult Failed(AmoAccount account, string checkType, HttpRequestMessage request, long startedAt, string error)
    {
        var timing = Timing(request);
        return new ProbeResult(account.Name, checkType, Outcome.Down, timing?.ElapsedMs, timing?.StartedAtUnixMs ?? startedAt,
            null, error, timing?.ToPhases());
    }

    private static ProbeTiming? Timing(HttpRequestMessage request) =>
        request.Options.TryGetValue(ProbeTiming.Key, out var timing) ? timing : null;
}
