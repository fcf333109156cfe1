using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Alerting;

/// <summary>The alerts in Russian, the seed's language and the default.</summary>
public sealed class RussianAlerts : IAlertLanguage
{
    public static readonly RussianAlerts Instance = new();

    public string Code => "ru";

    public string CheckName(string checkType) => checkType switch
    {
        CheckType.Get => "API (чтение, GET)",
        CheckType.Post => "API (запись, POST)",
        CheckType.Web => "веб-интерфейс (WEB)",
        CheckType.Hook => "вебхуки (HOOK)",
        CheckType.Dp => "Digital Pipeline (DP)",
        _ => checkType,
    };

    public string DownTitle(string checkType, string account) =>
        $"🔴 **amoCRM: {CheckName(checkType)} {Verb(checkType, "не работает", "не работают")}** — {account}";

    public string StillDownTitle(string checkType, string account) =>
        $"⏳ **amoCRM: {CheckName(checkType)} всё ещё {Verb(checkType, "не работает", "не работают")}** — {account}";

    public string RestoredTitle(string checkType, string account) =>
        $"✅ **amoCRM: {CheckName(checkType)} {Verb(checkType, "восстановлен", "восстановлены")}** — {account}";

    public string TokenRejectedTitle(string account) => $"🔑 **amoCRM не принимает токен AmoHealth** — {account}";

    public string TokenRejectedNote => "Это проблема учётных данных (токен истёк или отозван), а не сбой amoCRM.";

    public string TokenAcceptedTitle(string account) => $"✅ **amoCRM снова принимает токен AmoHealth** — {account}";

    public string AnswersAgainTitle(string account) => $"✅ **amoCRM снова отвечает на запросы AmoHealth** — {account}";

    public string ThrottledTitle(string account) =>
        $"⚠️ **amoCRM ограничивает запросы AmoHealth (HTTP 429)** — {account}";

    public string ThrottledNote => "amoCRM отвечает, но просит подождать: это не сбой amoCRM.";

    public string ThrottledAdvice =>
        "Что сделать: проверьте, не превышают ли другие интеграции аккаунта 7 запросов в секунду "
        + "(AmoHealth делает не больше 2); при повторении amoCRM блокирует аккаунт.";

    public string PausedUntil(string until) => $"Запросы к API приостановлены до {until}, как попросил amoCRM.";

    public string BlockedTitle(string account) =>
        $"⚠️ **amoCRM заблокировал доступ к аккаунту (HTTP 403)** — {account}";

    public string BlockedNote => "Запросы AmoHealth остановлены, кроме одной проверки в час.";

    public string BlockedAdvice =>
        "Что сделать: обратитесь в поддержку amoCRM; обычная причина — превышение лимита запросов "
        + "интеграциями или блокировка IP-адреса.";

    public string BillingTitle(string account) => $"⚠️ **Аккаунт amoCRM не оплачен (HTTP 402)** — {account}";

    public string BillingNote => "amoCRM закрыл API до оплаты: это не сбой amoCRM.";

    public string BillingAdvice => "Что сделать: продлите подписку amoCRM.";

    public string MonitorFaultTitle(string checks, string account) =>
        $"⚠️ **AmoHealth: проверки {checks} не работают по вине самого AmoHealth** — {account}";

    public string MonitorFaultNote => "Это не сбой amoCRM: инцидент amoCRM не открыт, его доступность не снижается.";

    public string Remedy(FailureKind kind) => kind switch
    {
        FailureKind.ReceiverUnreachable =>
            "amoCRM не может достучаться до приёмника вебхуков AmoHealth: "
            + "проверьте PUBLIC_URL, Nginx и службу Gateway.",
        FailureKind.Configuration => "исправьте настройку, названную в причине, и перезапустите Prober.",
        FailureKind.Offline => "у сервера AmoHealth нет сети: проверьте сеть и DNS сервера.",
        _ => "смотрите журнал Prober.",
    };

    public string MonitorFaultCleared(string checks, string account, string since, string until, string lasted) =>
        $"✅ **AmoHealth: проверки {checks} снова работают** — {account}\nНе работали с {since} по {until}: {lasted}.";

    public string NotProbing(string account, string since, int minutes) =>
        $"⚠️ **AmoHealth не проверяет {account} с {since}**\nНовых результатов нет уже {minutes} мин. "
        + "Проверьте службу Prober (amohealth-prober) и её журнал.";

    public string ProbingAgain(string account, int minutes) =>
        $"✅ **AmoHealth снова проверяет {account}** (перерыв {minutes} мин)";

    public string TokenExpiring(string account, int daysLeft, string date) =>
        $"⚠️ **Токен amoCRM истекает** — {account}\nОсталось дней: {daysLeft}, до {date}. "
        + "Выпустите новый долгосрочный токен.";

    public string TestLeadReplaced(string account, long oldId, long newId) =>
        $"ℹ️ **AmoHealth пересоздал тестовую сделку** — {account}\nСделки {oldId} больше нет в amoCRM (удалена или "
        + $"объединена). Создана сделка {newId}; проверки продолжаются, это не сбой amoCRM.";

    public string TestLeadSetting(long oldId, long newId) =>
        $"Уберите Monitor:TestLeadId={oldId} из настроек или укажите {newId}.";

    public string SummaryTitle(string account) => $"📊 **amoCRM за сутки** — {account}";

    public string SummaryIncidents(int count) => $"инцидентов: {count}";

    public string DashboardLink(string url) => $"[Дашборд]({url})";

    public string MonthlyReportTitle(string account, string month) =>
        $"📊 **Отчёт о работе amoCRM за {month}** — {account}";

    public string MonthlyReportLine(
        string check, string uptime, int incidents, string mttr, string slo, string budget) =>
        $"{check}: доступность {uptime} · инцидентов: {incidents} · MTTR: {mttr} · {slo} · бюджет израсходован: "
        + budget;

    public string MonthlyReportSlo(string target, bool? met) =>
        $"SLO {target}: " + (met switch { true => "выполнено", false => "не выполнено", null => "не измерено" });

    public string MonthlyReportAccounting =>
        "Доступность = хорошие минуты ÷ (хорошие + плохие); минута плохая, если amoCRM ответил «не работает». "
        + "Обслуживание, 429/403/401/402 и сбои самого AmoHealth не считаются.";

    public string MonthlyReportLink(string url) => $"[Отчёт полностью]({url})";

    public string EscalatedTitle(string checkType, string account, int step, int steps) =>
        $"🚨 **Эскалация {step} из {steps}: amoCRM: {CheckName(checkType)} — никто не взял в работу** — {account}";

    public string NotTakenFor(string lasted) => $"Открыт и не взят в работу уже {lasted}.";

    public string Acknowledged(string who, string checkType, string account, string since) =>
        $"👤 {who} взял(а) в работу: {CheckName(checkType)} ({account}) с {since}";

    public string HandledBy(string who) => $"Разобрал(а): {who}";

    public string FromTo(string from, string to) => $"С {from} по {to}";

    public string Failure(FailureKind kind, int? httpStatus) => kind switch
    {
        FailureKind.HttpStatus when httpStatus is { } status => $"amoCRM ответил HTTP {status}",
        FailureKind.HttpStatus => "amoCRM ответил неожиданным статусом",
        FailureKind.Timeout => "нет ответа за отведённое время",
        FailureKind.Dns => "имя хоста amoCRM не разрешается (DNS)",
        FailureKind.Connect => "соединение с amoCRM отклонено или сброшено",
        FailureKind.Tls => "ошибка защищённого соединения (TLS)",
        FailureKind.Protocol => "amoCRM закрыл соединение или ответил не по HTTP",
        FailureKind.WrongAnswer => "amoCRM ответил не тем, что ожидалось",
        FailureKind.NoDelivery => "вебхук не доставлен вовремя",
        FailureKind.Slow => "медленнее порога",
        FailureKind.TokenRejected when httpStatus is { } status => $"токен доступа отклонён (HTTP {status})",
        FailureKind.TokenRejected => "токен доступа отклонён",
        FailureKind.TokenUnavailable => "нет токена доступа: обновление не удалось",
        FailureKind.Throttled => "amoCRM ограничил частоту запросов (429)",
        FailureKind.Blocked => "доступ к аккаунту заблокирован (403)",
        FailureKind.Billing => "подписка amoCRM закончилась (402)",
        FailureKind.None => "ошибок нет",
        _ => "сбой на стороне AmoHealth, не amoCRM",
    };

    /// <summary>The probe writes its detail in English: a Russian alert leaves it to the dashboard.</summary>
    public string? Detail(string? message) => null;

    public string ErrorLabel => "Ошибка: ";

    public string SinceLabel => "Начало: ";

    public string StatusLabel => "Статус: ";

    public string ReasonLabel => "Причина: ";

    public string RemedyLabel => "Что исправить: ";

    public string FaultSinceLabel => "С: ";

    public string LastedLabel => "Длилось: ";

    public string DowntimeLabel => "Простой: ";

    public string StillDownForLabel => "Уже: ";

    public string ResponseTimeLabel => "время ответа: ";

    public string Milliseconds => "мс";

    public (string Days, string Hours, string Minutes, string Seconds) Units => ("д", "ч", "мин", "с");

    // Burn-rate alerts (Slo:BurnAlerts).

    public string BurnTitle(string checkType, string account, string rule) =>
        $"🔥 **Бюджет ошибок сгорает: {CheckName(checkType)} (правило {rule})** — {account}";

    public string BurnRates(string longRate, string longWindow, string shortRate, string shortWindow, string factor) =>
        $"Скорость сгорания: {longRate}× за {longWindow}, {shortRate}× за {shortWindow} (порог {factor}×)";

    public string BudgetLeft(string percent, string leftMinutes, string allowedMinutes, int windowDays) =>
        $"Осталось бюджета: {percent}% ({leftMinutes} мин из {allowedMinutes} мин за {windowDays} д)";

    public string BurnTarget(string percent, int windowDays) => $"Цель: {percent}% за {windowDays} д";

    public string BudgetGoneIn(string lasted) => $"При такой скорости бюджет закончится через {lasted}";

    public string BudgetSpent => "Бюджет уже исчерпан: цель за окно не выполнена.";

    public string BurnDuringIncident =>
        "Инцидент по этой проверке открыт: бюджет сгорает из-за него (это не отдельный сбой).";

    public string BurnClearedTitle(string checkType, string account, string rule) =>
        $"✅ **Бюджет ошибок больше не сгорает: {CheckName(checkType)} (правило {rule})** — {account}";

    public string SummaryBudget(string checkType, string percent, string leftMinutes, string target) =>
        $"Бюджет {checkType}: осталось {percent}% ({leftMinutes} мин), цель {target}%";

    public string SummaryTicket(string checkType, string since) =>
        $"🎫 Тикет: бюджет {checkType} сгорает быстрее нормы (≥1× за 3 д и 6 ч) с {since}";

    /// <summary>"вебхуки" takes the plural verb in Russian.</summary>
    private static string Verb(string checkType, string one, string many) => checkType == CheckType.Hook ? many : one;
}
