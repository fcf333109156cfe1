using System.Globalization;
using System.Text;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The "take it" button of a down message: one button for every incident the message announces (a grouped
/// message acknowledges them all), valid for <see cref="Lifetime"/>.</summary>
public sealed partial class AckButtons
{
    public const string MattermostPath = "/hooks/mattermost/actions";

    /// <summary>Telegram's limit for callback data, in bytes.</summary>
    public const int MaxCallbackBytes = 64;

    /// <summary>Long enough for any night; a later click goes through the dashboard.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ActionSigner _signer;
    private readonly TimeProvider _time;
    private readonly string? _actionsUrl;
    private readonly ButtonTexts _texts;

    private readonly StoreConnections? _connections;

    public AckButtons(ActionSigner signer, IOptions<ButtonOptions> buttons, IOptions<MonitorOptions> monitor,
        TimeProvider time, ILogger<AckButtons> logger, StoreConnections? connections = null)
    {
        _signer = signer;
        _connections = connections;
        _time = time;
        _texts = ButtonTexts.For(buttons.Value.Language);
        var publicUrl = monitor.Value.PublicUrl ?? buttons.Value.DashboardUrl;
        _actionsUrl = string.IsNullOrEmpty(publicUrl) ? null : publicUrl.TrimEnd('/') + MattermostPath;
        if (!signer.Enabled)
        {
            LogNoButtons(logger);
        }
    }

    /// <summary>Null unless every row announces an incident going down and buttons can be signed.</summary>
    public AckButton? For(IReadOnlyList<NotificationRecord> rows)
    {
        if (!_signer.Enabled || rows.Count == 0
            || rows.Any(r => r.Kind != NotificationKinds.Down || r.IncidentId is null))
        {
            return null;
        }

        var incidents = string.Join(",", rows.Select(r => r.IncidentId!.Value).Distinct()
            .Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var exp = (_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var context = new AckContext(incidents, exp, _signer.SignMattermost(incidents, exp));
        var data = $"ack:{incidents}:{_signer.SignTelegram(incidents)}";
        return new AckButton(_texts.Label, _actionsUrl, context,
            Encoding.UTF8.GetByteCount(data) <= MaxCallbackBytes ? data : null);
    }

    /// <summary>Sends <paramref name="message"/> (the rows' text) with a button where one applies.</summary>
    public static async Task<string?> SendAsync(AckButtons? buttons, INotifier notifier, NotificationRecord message,
        IReadOnlyList<NotificationRecord> rows, CancellationToken cancellationToken)
    {
        if (notifier is IButtonNotifier interactive && buttons is not null)
        {
            var button = rows is [{ Kind: NotificationKinds.Burn } burn]
                ? await buttons.ForBurnAsync(burn, cancellationToken)
                : buttons.For(rows);
            if (button is not null)
            {
                return await interactive.SendAsync(message, button, cancellationToken);
            }
        }

        return await notifier.SendAsync(message, cancellationToken);
    }

    /// <summary>The button of a 🔥 post: it takes the check's page burn alerts opened with the post (its row's
    /// created_at is their opened_at), still open and untaken; null when there is none.</summary>
    public async Task<AckButton?> ForBurnAsync(NotificationRecord row, CancellationToken cancellationToken)
    {
        if (!_signer.Enabled || _connections is null)
        {
            return null;
        }

        var ids = await BurnButtons.OpenAlertsAsync(_connections, row, cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        var key = BurnButtons.Key(ids);
        var exp = (_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var data = $"{key}:{_signer.SignTelegram(key)}";
        return new AckButton(_texts.Label, _actionsUrl, new AckContext(key, exp, _signer.SignMattermost(key, exp)),
            Encoding.UTF8.GetByteCount(data) <= MaxCallbackBytes ? data : null);
    }

    /// <summary>The incident ids of a button's data, or null when they are not a short list of ids.</summary>
    public static List<long>? ParseIncidents(string? incidents)
    {
        var parts = incidents?.Split(',') ?? [];
        var ids = new List<long>();
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids.Count is > 0 and <= 100 ? ids : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert buttons are off: set Alerts:ActionSecret (24 characters "
        + "or more) or Monitor:HookSecret to let people take an incident from Mattermost or Telegram")]
    private static partial void LogNoButtons(ILogger logger);
}
