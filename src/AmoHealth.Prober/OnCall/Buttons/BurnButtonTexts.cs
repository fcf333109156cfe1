namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>What a 🔥 post's button answers where it differs from an incident's (<see cref="ButtonTexts"/>), per
/// language (<c>Alerts:Language</c>).</summary>
public sealed record BurnButtonTexts(string YouTook, string Closed)
{
    public static readonly BurnButtonTexts Russian = new(
        YouTook: "Вы взяли сгорание бюджета в работу.",
        Closed: "Бюджет уже не сгорает: оповещение закрыто.");

    public static readonly BurnButtonTexts English = new(
        YouTook: "You took the burn alert.",
        Closed: "The budget no longer burns: the alert is closed.");

    public static BurnButtonTexts For(string? language) => language == "en" ? English : Russian;
}
