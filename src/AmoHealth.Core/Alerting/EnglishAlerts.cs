using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Alerting;

/// <summary>The alerts in English (<c>Alerts:Language=en</c>).</summary>
public sealed class EnglishAlerts : IAlertLanguage
{
    public static readonly EnglishAlerts Instance = new();

    public string Code => "en";

    public string CheckName(string checkType) => checkType switch
    {
        CheckType.Get => "API read (GET)",
        CheckType.Post => "API write (POST)",
        CheckType.Web => "web UI (WEB)",
        CheckType.Hook => "webhooks (HOOK)",
        CheckType.Dp => "Digital Pipeline (DP)",
        _ => checkType,
    };

    public string DownTitle(string checkType, string account) =>
        $"🔴 **amoCRM: {CheckName(checkType)} is down** — {account}";

    public string StillDownTitle(string checkType, string account) =>
        $"⏳ **amoCRM: {CheckName(checkType)} is still down** — {account}";

    public string RestoredTitle(string checkType, string account) =>
        $"✅ **amoCRM: {CheckName(checkType)} is restored** — {account}";

    public string TokenRejectedTitle(string account) => $"🔑 **amoCRM rejects AmoHealth's token** — {account}";

    public string TokenRejectedNote =>
        "This is a credentials problem (the token expired or was revoked), not an amoCRM outage.";

    public string TokenAcceptedTitle(string account) => $"✅ **amoCRM accepts AmoHealth's token again** — {account}";

    public string AnswersAgainTitle(string account) => $"✅ **amoCRM answers AmoHealth's requests again** — {account}";

    public string ThrottledTitle(string account) => $"⚠️ **amoCRM is rate limiting AmoHealth (HTTP 429)** — {account}";

    public string ThrottledNote => "amoCRM answers but asks us to wait: this is not an amoCRM outage.";

    public string ThrottledAdvice =>
        "What to do: check whether other integrations of the account exceed 7 requests per "
        + "second (AmoHealth makes at most 2); repeated excess gets the account blocked.";

    public string PausedUntil(string until) => $"API requests are paused until {until}, as amoCRM asked.";

    public string BlockedTitle(string account) => $"⚠️ **amoCRM blocked access to the account (HTTP 403)** — {account}";

    public string BlockedNote => "AmoHealth has stopped its requests except one recheck an hour.";

    public string BlockedAdvice => "What to do: contact amoCRM support; the usual cause is integrations exceeding the "
        + "request limit, or a blocked IP address.";

    public string BillingTitle(string account) => $"⚠️ **The amoCRM account is not paid (HTTP 402)** — {account}";

    public string BillingNote => "amoCRM closed the API until payment: this is not an amoCRM outage.";

    public string BillingAdvice => "What to do: renew the amoCRM subscription.";

    public string MonitorFaultTitle(string checks, string account) =>
        $"⚠️ **AmoHealth: the {checks} checks fail because of AmoHealth itself** — {account}";

    public string MonitorFaultNote =>
        "This is not an amoCRM outage: no amoCRM incident is opened and its uptime is not affected.";

    public string Remedy(FailureKind kind) => kind switch
    {
        FailureKind.ReceiverUnreachable =>
            "amoCRM cannot reach AmoHealth's webhook receiver: check PUBLIC_URL, Nginx and the Gateway service.",
        FailureKind.Configuration => "correct the setting the reason names and restart the Prober.",
        FailureKind.Offline => "AmoHealth's server has no network: check its network and DNS.",
        _ => "see the Prober's log.",
    };

    public string MonitorFaultCleared(string checks, string account, string since, string until, string lasted) =>
        $"✅ **AmoHealth: the {checks} checks work again** — {account}\nThey failed from {since} to {until}: {lasted}.";

    public string NotProbing(string account, string since, int minutes) =>
        $"⚠️ **AmoHealth has not checked {account} since {since}**\nNo new results for {minutes} min. "
        + "Check the Prober service (amohealth-prober) and its log.";

    public string ProbingAgain(string account, int minutes) =>
        $"✅ **AmoHealth checks {account} again** (gap {minutes} min)";

    public string TokenExpiring(string account, int daysLeft, string date) =>
        $"⚠️ **The amoCRM token expires soon** — {account}\nDays left: {daysLeft}, until {date}. "
        + "Issue a new long-lived token.";

    public string TestLeadReplaced(string account, long oldId, long newId) =>
        $"ℹ️ **AmoHealth recreated its test lead** — {account}\nLead {oldId} no longer exists in amoCRM (deleted or "
        + $"merged). Lead {newId} was created; the checks go on, this is not an amoCRM outage.";

    public string TestLeadSetting(long oldId, long newId) =>
        $"Remove Monitor:TestLeadId={oldId} from the settings or set it to {newId}.";

    public string SummaryTitle(string account) => $"📊 **amoCRM, last 24 h** — {account}";

    public string SummaryIncidents(int count) => $"incidents: {count}";

    public string DashboardLink(string url) => $"[Dashboard]({url})";

    public string MonthlyReportTitle(string account, string month) =>
        $"📊 **amoCRM monthly report, {month}** — {account}";

    public string MonthlyReportLine(
        string check, string uptime, int incidents, string mttr, string slo, string budget) =>
        $"{check}: uptime {uptime} · incidents: {incidents} · MTTR: {mttr} · {slo} · budget spent: {budget}";

    public string MonthlyReportSlo(string target, bool? met) =>
        $"SLO {target}: " + (met switch { true => "met", false => "missed", null => "not measured" });

    public string MonthlyReportAccounting =>
        "Uptime = good minutes ÷ (good + bad); a minute is bad when amoCRM answered down. Maintenance, 429/403/401/402 "
        + "and AmoHealth's own faults count neither way.";

    public string MonthlyReportLink(string url) => $"[Full report]({url})";

    public string EscalatedTitle(string checkType, string account, int step, int steps) =>
        $"🚨 **Escalation {step} of {steps}: amoCRM: {CheckName(checkType)} — nobody has taken it** — {account}";

    public string NotTakenFor(string lasted) => $"Open and not taken for {lasted}.";

    public string Acknowledged(string who, string checkType, string account, string since) =>
        $"👤 {who} took it: {CheckName(checkType)} ({account}) since {since}";

    public string HandledBy(string who) => $"Handled by {who}";

    public string FromTo(string from, string to) => $"From {from} to {to}";

    public string Failure(FailureKind kind, int? httpStatus) => kind switch
    {
        FailureKind.HttpStatus when httpStatus is { } status => $"amoCRM answered HTTP {status}",
        FailureKind.HttpStatus => "amoCRM answered with an unexpected status",
        FailureKind.Timeout => "no answer in time",
        FailureKind.Dns => "amoCRM's host name does not resolve (DNS)",
        FailureKind.Connect => "the connection to amoCRM was refused or reset",
        FailureKind.Tls => "the secure connection failed (TLS)",
        FailureKind.Protocol => "amoCRM closed the connection or did not answer in HTTP",
        FailureKind.WrongAnswer => "amoCRM answered something other than expected",
        FailureKind.NoDelivery => "the webhook was not delivered in time",
        FailureKind.Slow => "slower than the threshold",
        FailureKind.TokenRejected when httpStatus is { } status => $"the access token was rejected (HTTP {status})",
        FailureKind.TokenRejected => "the access token was rejected",
        FailureKind.TokenUnavailable => "no access token: the refresh failed",
        FailureKind.Throttled => "amoCRM is rate limiting us (429)",
        FailureKind.Blocked => "access to the account is blocked (403)",
        FailureKind.Billing => "the amoCRM subscription has ended (402)",
        FailureKind.None => "no error",
        _ => "AmoHealth's own fault, not amoCRM's",
    };

    public string? Detail(string? message) => string.IsNullOrWhiteSpace(message) ? null : "Details: " + message;

    public string ErrorLabel => "Error: ";

    public string SinceLabel => "Since: ";

    public string StatusLabel => "Status: ";

    public string ReasonLabel => "Reason: ";

    public string RemedyLabel => "What to fix: ";

    public string FaultSinceLabel => "Since: ";

    public string LastedLabel => "Lasted: ";

    public string DowntimeLabel => "Downtime: ";

    public string StillDownForLabel => "For: ";

    public string ResponseTimeLabel => "response time: ";

    public string Milliseconds => "ms";

    public (string Days, string Hours, string Minutes, string Seconds) Units => ("d", "h", "min", "s");

    // Burn-rate alerts (Slo:BurnAlerts).

    public string BurnTitle(string checkType, string account, string rule) =>
        $"🔥 **Error budget burning: {CheckName(checkType)} (rule {rule})** — {account}";

    public string BurnRates(string longRate, string longWindow, string shortRate, string shortWindow, string factor) =>
        $"Burn rate: {longRate}× over {longWindow}, {shortRate}× over {shortWindow} (threshold {factor}×)";

    public string BudgetLeft(string percent, string leftMinutes, string allowedMinutes, int windowDays) =>
        $"Budget left: {percent}% ({leftMinutes} of {allowedMinutes} min over {windowDays} d)";

    public string BurnTarget(string percent, int windowDays) => $"Target: {percent}% over {windowDays} d";

    public string BudgetGoneIn(string lasted) => $"At this rate the budget is gone in {lasted}";

    public string BudgetSpent => "The budget is spent: the target is missed for this window.";

    public string BurnDuringIncident =>
        "The check's incident is open: it is what burns the budget (not a separate outage).";

    public string BurnClearedTitle(string checkType, string account, string rule) =>
        $"✅ **Error budget no longer burning: {CheckName(checkType)} (rule {rule})** — {account}";

    public string SummaryBudget(string checkType, string percent, string leftMinutes, string target) =>
        $"Budget {checkType}: {percent}% left ({leftMinutes} min), target {target}%";

    public string SummaryTicket(string checkType, string since) =>
        $"🎫 Ticket: the {checkType} budget burns faster than allowed (≥1× over 3 d and 6 h) since {since}";
}
