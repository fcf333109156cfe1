namespace AmoHealth.Core.Storage;

/// <summary>What an alert in the outbox (<c>notifications.kind</c>) is about; the words stored in the column.</summary>
public static class NotificationKinds
{
    /// <summary>🔴 a confirmed outage (or a throttle, block or bill) opened an incident.</summary>
    public const string Down = "down";

    /// <summary>✅ the incident closed.</summary>
    public const string Restored = "restored";

    /// <summary>The incident is still open after the reminder interval.</summary>
    public const string Reminder = "reminder";

    /// <summary>The token expires soon, or has.</summary>
    public const string Token = "token";

    /// <summary>The daily summary.</summary>
    public const string Summary = "summary";

    /// <summary>ℹ️ something AmoHealth repaired or could not use in the account (a recreated test lead).</summary>
    public const string Info = "info";

    /// <summary>⚠️/✅ AmoHealth's own fault, not amoCRM's (its receiver unreachable, it is offline).</summary>
    public const string Monitor = "monitor";

    /// <summary>⚠️ an account's checks stopped: no stored result for three intervals (raised by the cluster lease's
    /// holder).</summary>
    public const string NotProbing = "not_probing";

    /// <summary>✅ results of an account that had stopped come in again.</summary>
    public const string ProbingAgain = "probing_again";

    /// <summary>🔥 an error budget burns too fast (a page rule of <c>Slo.BurnRules</c> fired).</summary>
    public const string Burn = "slo_burn";

    /// <summary>✅ the burn slowed below the rule again.</summary>
    public const string BurnCleared = "slo_burn_cleared";

    /// <summary>📊 last month's report, posted on the 1st when <c>Reports:MonthlyPost</c> is on.</summary>
    public const string MonthlyReport = "monthly_report";

    /// <summary>Down and restored alerts of one account are grouped into one message.</summary>
    public static bool IsGrouped(string kind) => kind is Down or Restored;
}
