using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>The seed's Mattermost messages: 🔴 down and ✅ restored with the downtime, in Russian by default.</summary>
public static class AlertText
{
    /// <summary>Mattermost splits longer posts; alerts stay well under its 16,383 runes.</summary>
    private const int MaxLength = 4_000;

    public static string Down(IncidentRecord incident, ProbeResult result, string language, string? dashboard)
    {
        var ru = language == "ru";
        if (incident.Kind == Outcome.AuthFailed)
        {
            return Finish(
            [
                ru ? $"🔑 **amoCRM не принимает токен AmoHealth** — {incident.Account}"
                   : $"🔑 **amoCRM rejects AmoHealth's token** — {incident.Account}",
                ru ? "Это проблема учётных данных (токен истёк или отозван), а не сбой amoCRM."
                   : "This is a credentials problem (the token expired or was revoked), not an amoCRM outage.",
                (ru ? "Ошибка: " : "Error: ") + result.ErrorMessage,
                (ru ? "Начало: " : "Since: ") + Time(incident.StartTime),
            ], dashboard, ru);
        }

        if (AccountWarning(incident, result, ru) is { } warning)
        {
            return Finish(warning, dashboard, ru);
        }

        var lines = new List<string>
        {
            ru ? $"🔴 **amoCRM: {Name(incident.CheckType, ru)} {(Plural(incident.CheckType) ? "не работают" : "не работает")}** — {incident.Account}"
               : $"🔴 **amoCRM: {Name(incident.CheckType, ru)} is down** — {incident.Account}",
            (ru ? "Ошибка: " : "Error: ") + (result.ErrorMessage ?? result.Outcome.ToName()),
            $"HTTP: {result.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "—"} · "
                + (ru ? "время ответа: " : "response time: ")
                + (result.ResponseTimeMs is { } ms ? $"{ms} {(ru ? "мс" : "ms")}" : "—"),
            (ru ? "Начало: " : "Since: ") + Time(incident.StartTime),
        };
        return Finish(lines, dashboard, ru);
    }

    public static string Restored(IncidentRecord incident, string language, string? dashboard)
    {
        var ru = language == "ru";
        if (incident.Kind == Outcome.AuthFailed)
        {
            return Finish([ru ? $"✅ **amoCRM снова принимает токен AmoHealth** — {incident.Account}" : $"✅ **amoCRM accepts AmoHealth's token again** — {incident.Account}"], dashboard, ru);
        }

        if (incident.Kind is Outcome.Throttled or Outcome.Blocked or Outcome.Billing)
        {
            return Finish([ru ? $"✅ **amoCRM снова отвечает на запросы AmoHealth** — {incident.Account}" : $"✅ **amoCRM answers AmoHealth's requests again** — {incident.Account}",
                (ru ? "Длилось: " : "Lasted: ") + Duration(incident.Duration ?? 0, ru)], dashboard, ru);
        }

        var lines = new List<string>
        {
            ru ? $"✅ **amoCRM: {Name(incident.CheckType, ru)} {(Plural(incident.CheckType) ? "восстановлены" : "восстановлен")}** — {incident.Account}"
               : $"✅ **amoCRM: {Name(incident.CheckType, ru)} is restored** — {incident.Account}",
            (ru ? "Простой: " : "Downtime: ") + Duration(incident.Duration ?? 0, ru),
        };
        return Finish(lines, dashboard, ru);
    }

    /// <summary>
    /// amoCRM answers but refuses us: rate limited (429), blocked (403) or unpaid (402). Not an outage: ⚠️, what
    /// it means, until when probing pauses (the probe's own reason says), and what the user should do.
    /// </summary>
    private static List<string>? AccountWarning(IncidentRecord incident, ProbeResult result, bool ru) => incident.Kind switch
    {
        Outcome.Throttled =>
        [
            ru ? $"⚠️ **amoCRM ограничивает запросы AmoHealth (HTTP 429)** — {incident.Account}"
               : $"⚠️ **amoCRM is rate limiting AmoHealth (HTTP 429)** — {incident.Account}",
            ru ? "amoCRM отвечает, но просит подождать: это не сбой amoCRM."
               : "amoCRM answers but asks us to wait: this is not an amoCRM outage.",
            Paused(result, ru),
            ru ? "Что сделать: проверьте, не превышают ли другие интеграции аккаунта 7 запросов в секунду (AmoHealth делает не больше 2); при повторении amoCRM блокирует аккаунт."
               : "What to do: check whether other integrations of the account exceed 7 requests per second (AmoHealth makes at most 2); repeated excess gets the account blocked.",
        ],
        Outcome.Blocked =>
        [
            ru ? $"⚠️ **amoCRM заблокировал доступ к аккаунту (HTTP 403)** — {incident.Account}"
               : $"⚠️ **amoCRM blocked access to the account (HTTP 403)** — {incident.Account}",
            ru ? "Запросы AmoHealth остановлены, кроме одной проверки в час." : "AmoHealth has stopped its requests except one recheck an hour.",
            (ru ? "Статус: " : "Status: ") + result.ErrorMessage,
            ru ? "Что сделать: обратитесь в поддержку amoCRM; обычная причина — превышение лимита запросов интеграциями или блокировка IP-адреса."
               : "What to do: contact amoCRM support; the usual cause is integrations exceeding the request limit, or a blocked IP address.",
        ],
        Outcome.Billing =>
        [
            ru ? $"⚠️ **Аккаунт amoCRM не оплачен (HTTP 402)** — {incident.Account}"
               : $"⚠️ **The amoCRM account is not paid (HTTP 402)** — {incident.Account}",
            ru ? "amoCRM закрыл API до оплаты: это не сбой amoCRM." : "amoCRM closed the API until payment: this is not an amoCRM outage.",
            ru ? "Что сделать: продлите подписку amoCRM." : "What to do: renew the amoCRM subscription.",
        ],
        _ => null,
    };

    public static string MonitorFault(string account, IReadOnlyList<string> checks, string? reason, long since, string language)
    {
        var ru = language == "ru";
        var names = string.Join(", ", checks);
        return Finish(
        [
            ru ? $"⚠️ **AmoHealth: проверки {names} не работают по вине самого AmoHealth** — {account}"
               : $"⚠️ **AmoHealth: the {names} checks fail because of AmoHealth itself** — {account}",
            ru ? "Это не сбой amoCRM: инцидент amoCRM не открыт, его доступность не снижается."
               : "This is not an amoCRM outage: no amoCRM incident is opened and its uptime is not affected.",
            (ru ? "Причина: " : "Reason: ") + reason,
            (ru ? "Что исправить: " : "What to fix: ") + Remedy(reason, ru),
            (ru ? "С: " : "Since: ") + Time(since),
        ], null, ru);
    }

    /// <summary>The all-clear, with the span: for the self-check this is "the monitor was offline from X to Y".</summary>
    public static string MonitorFaultCleared(string account, IReadOnlyList<string> checks, long since, long until, string language)
    {
        var ru = language == "ru";
        var names = string.Join(", ", checks);
        return ru
            ? $"✅ **AmoHealth: проверки {names} снова работают** — {account}\nНе работали с {Time(since)} по {Time(until)} ({Duration(until - since, ru)})."
            : $"✅ **AmoHealth: the {names} checks work again** — {account}\nThey failed from {Time(since)} to {Time(until)} ({Duration(until - since, ru)}).";
    }

    private static string Remedy(string? reason, bool ru) => reason switch
    {
        not null when reason.Contains("receiver", StringComparison.Ordinal) => ru
            ? "amoCRM не может достучаться до приёмника вебхуков AmoHealth: проверьте PUBLIC_URL, Nginx и службу Gateway."
            : "amoCRM cannot reach AmoHealth's webhook receiver: check PUBLIC_URL, Nginx and the Gateway service.",
        not null when reason.Contains("Configuration error", StringComparison.Ordinal) => ru
            ? "исправьте настройку, названную в причине, и перезапустите Prober."
            : "correct the setting the reason names and restart the Prober.",
        not null when reason.Contains("offline", StringComparison.Ordinal) => ru
            ? "у сервера AmoHealth нет сети: проверьте сеть и DNS сервера."
            : "AmoHealth's server has no network: check its network and DNS.",
        _ => ru ? "смотрите журнал Prober." : "see the Prober's log.",
    };

    /// <summary>Until when requests pause, in the message's language; the probe's own reason when it does not know.</summary>
    private static string Paused(ProbeResult result, bool ru) => result.PausedUntil is { } until
        ? ru ? $"Запросы к API приостановлены до {until:HH:mm:ss} UTC, как попросил amoCRM." : $"API requests are paused until {until:HH:mm:ss} UTC, as amoCRM asked."
        : (ru ? "Статус: " : "Status: ") + result.ErrorMessage;

    public static string Reminder(IncidentRecord incident, long now, string language, string? dashboard)
    {
        var ru = language == "ru";
        var lines = new List<string>
        {
            ru ? $"⏳ **amoCRM: {Name(incident.CheckType, ru)} всё ещё {(Plural(incident.CheckType) ? "не работают" : "не работает")}** — {incident.Account}"
               : $"⏳ **amoCRM: {Name(incident.CheckType, ru)} is still down** — {incident.Account}",
            (ru ? "Уже: " : "For: ") + Duration(now - incident.StartTime, ru),
        };
        return Finish(lines, dashboard, ru);
    }

    public static string TokenExpiring(string account, long expiresAt, int daysLeft, string language)
    {
        var ru = language == "ru";
        var date = DateTimeOffset.FromUnixTimeMilliseconds(expiresAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return ru
            ? $"⚠️ **Токен amoCRM истекает** — {account}\nОсталось дней: {daysLeft} (до {date}). Выпустите новый долгосрочный токен."
            : $"⚠️ **The amoCRM token expires soon** — {account}\nDays left: {daysLeft} (until {date}). Issue a new long-lived token.";
    }

    public static string TestLeadReplaced(string account, long oldId, long newId, bool wasConfigured, string language)
    {
        var ru = language == "ru";
        var text = ru
            ? $"ℹ️ **AmoHealth пересоздал тестовую сделку** — {account}\nСделки {oldId} больше нет в amoCRM (удалена или объединена). Создана сделка {newId}; проверки продолжаются, это не сбой amoCRM."
            : $"ℹ️ **AmoHealth recreated its test lead** — {account}\nLead {oldId} no longer exists in amoCRM (deleted or merged). Lead {newId} was created; the checks go on, this is not an amoCRM outage.";
        return wasConfigured
            ? text + (ru ? $"\nУберите Monitor:TestLeadId={oldId} из настроек или укажите {newId}." : $"\nRemove Monitor:TestLeadId={oldId} from the settings or set it to {newId}.")
            : text;
    }

    /// <param name="rows">Per check: uptime %, incidents, p95 ms (null without data).</param>
    public static string DailySummary(string account, IReadOnlyList<(string CheckType, double Uptime, int Incidents, int? P95)> rows, string language, string? dashboard)
    {
        var ru = language == "ru";
        var lines = new List<string> { ru ? $"📊 **amoCRM за сутки** — {account}" : $"📊 **amoCRM, last 24 h** — {account}" };
        lines.AddRange(rows.Select(r =>
            $"{r.CheckType}: {r.Uptime.ToString("0.##", CultureInfo.InvariantCulture)}% · "
            + (ru ? $"инцидентов: {r.Incidents} · p95: " : $"incidents: {r.Incidents} · p95: ")
            + (r.P95 is { } p ? $"{p} {(ru ? "мс" : "ms")}" : "—")));
        return Finish(lines, dashboard, ru);
    }

    private static string Finish(List<string> lines, string? dashboard, bool ru)
    {
        if (!string.IsNullOrWhiteSpace(dashboard))
        {
            lines.Add(ru ? $"[Дашборд]({dashboard})" : $"[Dashboard]({dashboard})");
        }

        var text = string.Join('\n', lines);
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    /// <summary>"вебхуки" takes the plural verb in Russian.</summary>
    private static bool Plural(string checkType) => checkType == CheckType.Hook;

    private static string Name(string checkType, bool ru) => checkType switch
    {
        CheckType.Get => ru ? "API (чтение, GET)" : "API read (GET)",
        CheckType.Post => ru ? "API (запись, POST)" : "API write (POST)",
        CheckType.Web => ru ? "веб-интерфейс (WEB)" : "web UI (WEB)",
        CheckType.Hook => ru ? "вебхуки (HOOK)" : "webhooks (HOOK)",
        CheckType.Dp => "Digital Pipeline (DP)",
        _ => checkType,
    };

    private static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(long ms, bool ru)
    {
        var span = TimeSpan.FromMilliseconds(ms);
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} {(ru ? "д" : "d")}");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} {(ru ? "ч" : "h")}");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes} {(ru ? "мин" : "min")}");
        }

        parts.Add($"{span.Seconds} {(ru ? "с" : "s")}");
        return string.Join(' ', parts);
    }
}
