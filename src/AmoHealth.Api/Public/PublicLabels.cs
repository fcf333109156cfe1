using AmoHealth.Core.Checks;

namespace AmoHealth.Api.Public;

/// <summary>The words of the public page in one language (<see cref="Ru"/>, <see cref="En"/>): one table per language,
/// so a feed or a badge that needs a state's or a check's name in the page's language takes it from here.</summary>
public sealed record PublicLabels(
    string Language,
    string OtherLanguage,
    string OtherLanguageName,
    string StatusTitle,
    string Operational,
    string Degraded,
    string Down,
    string Maintenance,
    string Unknown,
    string AllOperational,
    string SomeDegraded,
    string SomeDown,
    string UnderMaintenance,
    string SomeUnknown,
    string Since,
    string Uptime,
    string Days30,
    string Days90,
    string DaysAgo90,
    string Today,
    string BadMinutes,
    string MaintenanceMinutes,
    string NotMeasured,
    string NoData,
    string Checks,
    string NoChecks,
    string Incidents,
    string NoIncidents,
    string Started,
    string Duration,
    string Ongoing,
    string Impact,
    string PlannedMaintenance,
    string NoMaintenance,
    string Now,
    string Updated,
    string HowUptimeIsCounted,
    string Definition,
    string Subscribe,
    string Badge,
    string Legend,
    string Hours,
    string Minutes,
    IReadOnlyDictionary<string, string> CheckNames)
{
    public static PublicLabels Ru { get; } = new(
        "ru", "en", "English", "Состояние сервиса",
        "Работает", "Замедление", "Недоступно", "Обслуживание", "Не измеряется",
        "Всё работает", "Есть замедления", "Есть сбой", "Идут плановые работы", "Часть проверок не измеряется",
        "с", "Доступность", "30 дней", "90 дней", "90 дней назад", "Сегодня",
        "сбой", "обслуживание", "не измерялось", "нет данных",
        "Проверки", "Проверок пока нет.",
        "Инциденты за 90 дней", "Инцидентов не было.", "Начало", "Длительность", "продолжается", "Влияние",
        "Плановые работы", "Плановых работ в ближайшие 7 дней нет.", "сейчас",
        "Обновлено", "Как считается доступность",
        "Доступность = хорошие минуты ÷ (хорошие + плохие минуты). Минута плохая, если хотя бы одна проверка в ней "
            + "получила от amoCRM вердикт «недоступно». Минуты обслуживания показаны отдельно и не учитываются; "
            + "минуты, когда amoCRM не дал вердикта (429, 403, 401, неоплаченный аккаунт, наша собственная ошибка) "
            + "или ничего не проверялось, не считаются ни в плюс, ни в минус (показаны как «не измерялось»).",
        "Подписаться", "значок",
        "Зелёный — без сбоев, жёлтый и красный — были плохие минуты, синий — обслуживание, серый — нет данных.",
        "ч", "мин",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckType.Get] = "API: чтение (GET)",
            [CheckType.Post] = "API: запись (POST)",
            [CheckType.Web] = "Веб-интерфейс",
            [CheckType.Hook] = "Вебхуки",
            [CheckType.Dp] = "Digital Pipeline",
        });

    public static PublicLabels En { get; } = new(
        "en", "ru", "Русский", "Service status",
        "Operational", "Degraded performance", "Down", "Under maintenance", "Not measured",
        "All systems operational", "Degraded performance", "Outage", "Maintenance in progress",
        "Some checks are not measured",
        "since", "Uptime", "30 days", "90 days", "90 days ago", "Today",
        "down", "maintenance", "not measured", "no data",
        "Checks", "No checks yet.",
        "Incidents, last 90 days", "No incidents.", "Started", "Duration", "ongoing", "Impact",
        "Planned maintenance", "No maintenance planned in the next 7 days.", "now",
        "Updated", "How uptime is counted",
        "Uptime = good minutes ÷ (good + bad minutes). A minute is bad when any probe of the check in it got "
            + "amoCRM's down verdict. Minutes in maintenance are shown apart and never count; minutes where amoCRM "
            + "gave no verdict (429, 403, 401, unpaid, our own fault) or nothing was probed count neither way "
            + "(shown as \"not measured\").",
        "Subscribe", "badge",
        "Green: no bad minute; yellow and red: bad minutes; blue: maintenance; grey: no data.",
        "h", "min",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckType.Get] = "API: read (GET)",
            [CheckType.Post] = "API: write (POST)",
            [CheckType.Web] = "Web interface",
            [CheckType.Hook] = "Webhooks",
            [CheckType.Dp] = "Digital Pipeline",
        });

    /// <summary>The table for <c>ru</c> or <c>en</c>; anything else reads as <c>ru</c>.</summary>
    public static PublicLabels For(string? language) => language == "en" ? En : Ru;

    /// <summary>The name of one check's state.</summary>
    public string State(PublicState state) => state switch
    {
        PublicState.Operational => Operational,
        PublicState.Degraded => Degraded,
        PublicState.Down => Down,
        PublicState.Maintenance => Maintenance,
        _ => Unknown,
    };

    /// <summary>The banner's sentence for the page's overall state.</summary>
    public string Overall(PublicState state) => state switch
    {
        PublicState.Operational => AllOperational,
        PublicState.Degraded => SomeDegraded,
        PublicState.Down => SomeDown,
        PublicState.Maintenance => UnderMaintenance,
        _ => SomeUnknown,
    };

    /// <summary>A check's readable name; an unknown type stays as stored.</summary>
    public string Check(string checkType) => CheckNames.TryGetValue(checkType, out var name) ? name : checkType;
}
