using System.Globalization;

namespace AmoHealth.Prober.Alerting;

/// <summary>The texts of the "AmoHealth is not probing" alert and its all-clear, per language.</summary>
public static class ProbingText
{
    private static readonly Dictionary<string, (string Stopped, string Resumed)> Texts = new(StringComparer.Ordinal)
    {
        ["ru"] = ("⚠️ **AmoHealth не проверяет {0} с {1}**\nНовых результатов нет уже {2} мин. Проверьте службу Prober (amohealth-prober) и её журнал.",
            "✅ **AmoHealth снова проверяет {0}** (перерыв {1} мин)"),
        ["en"] = ("⚠️ **AmoHealth has not checked {0} since {1}**\nNo new results for {2} min. Check the Prober service (amohealth-prober) and its log.",
            "✅ **AmoHealth checks {0} again** (gap {1} min)"),
    };

    public static string Stopped(string account, long last, long now, string language) =>
        string.Format(CultureInfo.InvariantCulture, Table(language).Stopped, account, Time(last), (now - last) / 60_000);

    public static string Resumed(string account, long since, long last, string language) =>
        string.Format(CultureInfo.InvariantCulture, Table(language).Resumed, account, Math.Max(0, last - since) / 60_000);

    private static (string Stopped, string Resumed) Table(string language) => Texts.TryGetValue(language, out var table) ? table : Texts["ru"];

    private static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
