using System.Globalization;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>What the badges say: a state in words and colour, or uptime by time over 30 days.</summary>
public static class BadgeValues
{
    public const string Grey = "#9f9f9f";

    public static (string Text, string Color) State(PublicState state, FeedTexts texts) => (texts.States[state],
        state switch
        {
            PublicState.Operational => "#4c1",
            PublicState.Degraded => "#dfb317",
            PublicState.Down => "#e05d44",
            PublicState.Maintenance => "#007ec6",
            _ => Grey,
        });

    /// <summary><c>99.95%</c>, cut (not rounded) to two decimals so 99.999 % never reads 100 %; "not measured" when
    /// no minute was judged.</summary>
    public static (string Text, string Color) Uptime(double? uptime, FeedTexts texts)
    {
        if (uptime is not { } value)
        {
            return (texts.States[PublicState.Unknown], Grey);
        }

        var percent = Math.Floor((value * 10_000) + 1e-9) / 100;
        var text = percent >= 100 ? "100%" : percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";
        var color = percent switch
        {
            >= 99.9 => "#4c1",
            >= 99 => "#97ca00",
            >= 95 => "#dfb317",
            >= 90 => "#fe7d37",
            _ => "#e05d44",
        };
        return (text, color);
    }

    /// <summary>Every check together over the last 30 daily bars: good check-minutes ÷ judged check-minutes.</summary>
    public static double? Uptime30Days(IReadOnlyList<PublicCheck> checks)
    {
        var days = checks.SelectMany(c => c.Days.TakeLast(30)).ToList();
        var good = days.Sum(d => (long)d.GoodMinutes);
        var judged = good + days.Sum(d => (long)d.BadMinutes);
        return judged == 0 ? null : (double)good / judged;
    }
}
