namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>What the buttons and their answers say, per language (<c>Alerts:Language</c>).</summary>
public sealed record ButtonTexts(
    string Label,
    string TakenFormat,
    string YouTook,
    string AlreadyTakenFormat,
    string Closed,
    string Forged,
    string Expired,
    string NotPossible)
{
    public static readonly ButtonTexts Russian = new(
        Label: "Взять в работу",
        TakenFormat: "👤 в работе: {0}, с {1:HH:mm} ({2})",
        YouTook: "Вы взяли инцидент в работу.",
        AlreadyTakenFormat: "Уже в работе: {0}, с {1:HH:mm} ({2}).",
        Closed: "Инцидент уже закрыт.",
        Forged: "Кнопка недействительна: ничего не изменено.",
        Expired: "Срок действия кнопки истёк: возьмите инцидент в работу на панели.",
        NotPossible: "Не удалось взять инцидент в работу.");

    public static readonly ButtonTexts English = new(
        Label: "Take it",
        TakenFormat: "👤 taken by {0} since {1:HH:mm} ({2})",
        YouTook: "You took the incident.",
        AlreadyTakenFormat: "Already taken by {0} since {1:HH:mm} ({2}).",
        Closed: "The incident is already closed.",
        Forged: "This button is not valid: nothing changed.",
        Expired: "This button has expired: take the incident on the dashboard.",
        NotPossible: "The incident could not be taken.");

    public static ButtonTexts For(string? language) => language == "en" ? English : Russian;

    public string Taken(string who, DateTimeOffset since, TimeZoneInfo zone) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture, TakenFormat, who,
        TimeZoneInfo.ConvertTime(since, zone), zone.Id);

    public string AlreadyTaken(string who, DateTimeOffset since, TimeZoneInfo zone) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture, AlreadyTakenFormat, who,
        TimeZoneInfo.ConvertTime(since, zone), zone.Id);
}
