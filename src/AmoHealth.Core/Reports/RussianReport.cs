using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Reports;

/// <summary>Отчёт за месяц по-русски.</summary>
public sealed class RussianReport : IReportLanguage
{
    public static readonly RussianReport Instance = new();

    private static readonly string[] Months =
    [
        "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
        "декабрь",
    ];

    public string Code => "ru";

    public string MonthName(ReportMonth month) => $"{Months[month.Month - 1]} {month.Year}";

    public string Title(string monthName) => $"Отчёт о работе amoCRM за {monthName}";

    public string AllAccounts => "все аккаунты";

    public string Period(string from, string to, string zone) => $"С {from} по {to} ({zone})";

    public string InProgress => "Месяц ещё не закончился: цифры на текущий момент.";

    public string NoData => "За этот месяц результатов нет.";

    public (string Account, string Check, string Uptime, string Good, string Bad, string NotMeasured,
        string Maintenance, string NoResults, string Incidents, string Mttr, string P95, string Target, string Met,
        string Budget) Columns =>
        ("Аккаунт", "Проверка", "Доступность", "Хороших мин", "Плохих мин", "Не измерено мин", "Обслуживание мин",
            "Без проверок мин", "Инциденты", "MTTR", "p95", "Цель SLO", "SLO выполнено", "Израсходовано бюджета");

    public string Yes => "выполнено";

    public string No => "не выполнено";

    public string KindName(Outcome kind) => kind switch
    {
        Outcome.Down => "сбой",
        Outcome.AuthFailed => "токен не принят",
        Outcome.Throttled => "ограничение запросов (429)",
        Outcome.Blocked => "доступ заблокирован (403)",
        Outcome.Billing => "аккаунт не оплачен (402)",
        _ => kind.ToName(),
    };

    public string AccountingTitle => "Как считается";

    public string Definition =>
        "Доступность = хорошие минуты ÷ (хорошие + плохие минуты). Минута плохая, если хотя бы одна проверка в ней "
        + "получила от amoCRM вердикт «не работает».";

    public string MaintenanceNote(int minutes) =>
        $"Минуты в окнах обслуживания показаны отдельно и не считаются: {minutes} мин за месяц.";

    public string NotMeasuredNote(int minutes) =>
        "Минуты без вердикта amoCRM (ограничение запросов 429, блокировка 403, токен не принят 401, аккаунт не "
        + "оплачен 402) или со сбоем самого AmoHealth не считаются ни хорошими, ни плохими (не измерено): "
        + $"{minutes} мин.";

    public string NoResultsNote(int minutes) => $"Минуты совсем без проверок тоже не считаются: {minutes} мин.";

    public string OtherIncidentsNote(int count) =>
        "Инциденты «токен не принят», «ограничение запросов», «доступ заблокирован» и «не оплачен» — это ответы "
        + $"amoCRM, а не сбой: {count} за месяц, показаны отдельно и не входят в MTTR.";

    public string OwnFaultsNote =>
        "Предупреждения AmoHealth о собственных сбоях (недоступен приёмник, нет сети, ошибка настройки) — не "
        + "инциденты amoCRM и не учитываются.";

    public string MttrNote =>
        "MTTR — средняя длительность закрытых сбоев, начавшихся в этом месяце; p95 — по ответам amoCRM, с точностью "
        + "до 1 %.";

    public string BudgetNote =>
        "Израсходовано бюджета = плохие минуты ÷ плохие минуты, которые цель SLO допускает за измеренные минуты "
        + "месяца.";
}
