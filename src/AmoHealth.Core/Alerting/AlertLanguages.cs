namespace AmoHealth.Core.Alerting;

/// <summary>The languages alerts are written in, chosen by <c>Alerts:Language</c>.</summary>
public static class AlertLanguages
{
    public static IReadOnlyList<IAlertLanguage> All { get; } = [RussianAlerts.Instance, EnglishAlerts.Instance];

    /// <summary>The language of <paramref name="code"/>; Russian, the seed's, for anything else.</summary>
    public static IAlertLanguage For(string? code) =>
        code == EnglishAlerts.Instance.Code ? EnglishAlerts.Instance : RussianAlerts.Instance;
}
