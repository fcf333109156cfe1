using System.Diagnostics;
using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Diagnostics;

/// <summary>One span per probe from the <c>AmoHealth.Prober</c> source, so a cycle reads as a trace in the Aspire
/// dashboard: named <c>probe GET</c> etc., tagged with the account, check, outcome and response time, with the timing
/// phases (DNS, connect, TLS, first byte) as events. amoCRM requests the probe sends are its children.</summary>
public static class ProbeTracing
{
    public const string SourceName = "AmoHealth.Prober";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string account, string checkType, bool recheck)
    {
        var activity = Source.StartActivity($"probe {checkType}", ActivityKind.Internal);
        activity?.SetTag("amohealth.account", account);
        activity?.SetTag("amohealth.check", checkType);
        activity?.SetTag("amohealth.recheck", recheck);
        return activity;
    }

    public static void Finish(Activity? activity, ProbeResult result)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("amohealth.outcome", result.Outcome.ToName());
        activity.SetTag("amohealth.response_time_ms", result.ResponseTimeMs);
        activity.SetTag("http.response.status_code", result.HttpStatus);
        activity.SetTag("amohealth.own_fault", result.OwnFault);
        if (result.Phases is { } phases)
        {
            foreach (
                var (name, ms) in new[] { ("dns", phases.DnsMs), ("connect", phases.ConnectMs), ("tls", phases.TlsMs),
                ("first_byte", phases.TtfbMs) })
            {
                if (ms is { } value)
                {
                    activity.AddEvent(
                        new ActivityEvent(name, tags: new ActivityTagsCollection { ["duration_ms"] = value }));
                }
            }
        }

        // An error message may quote a URL: the span says only that the check failed; the result row has the text.
        activity.SetStatus(result.Outcome.IsSuccess() ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
    }
}
