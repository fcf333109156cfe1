using AmoHealth.Core.Alerting;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>A click on a 🔥 post's button: checked like an incident's (a forged, expired or repeated click changes
/// nothing), then one <c>ack_burn</c> command per burn alert by the clicking person as an operator.</summary>
public static partial class BurnClicks
{
    /// <summary>The post's update (null: leave it) and the line only the clicker sees.</summary>
    public static async Task<(MattermostPostUpdate? Update, string Text)> MattermostAsync(
        IServiceProvider services, MattermostClick click, IReadOnlyList<long> ids, ButtonTexts texts,
        CancellationToken cancellationToken)
    {
        var context = click.Context!;
        if (!services.GetRequiredService<ActionSigner>().VerifyMattermost(context.Incidents, context.Exp, context.Sig))
        {
            LogForged(Logger(services), "Mattermost");
            return (null, texts.Forged);
        }

        if (services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() > context.Exp)
        {
            return (null, texts.Expired);
        }

        var user = string.IsNullOrWhiteSpace(click.UserName) ? click.UserId ?? "mattermost" : click.UserName;
        var outcome = await AcknowledgeAsync(services, ids, user, "mattermost", texts, cancellationToken);
        if (outcome.Refused)
        {
            return (null, outcome.Refusal!);
        }

        var connections = services.GetRequiredService<StoreConnections>();
        var original = await BurnButtons.OriginalTextAsync(connections, ids[0], "mattermost", cancellationToken);
        var update = original is null ? null : new MattermostPostUpdate(original,
            new MattermostPostProps([new Core.Alerting.Channels.MattermostAttachment(outcome.TakenLine!, null)]));
        return (update, Burn(services).YouTook);
    }

    /// <summary>Answers the press and, when it took something, adds who took it to the message.</summary>
    public static async Task TelegramAsync(IServiceProvider services, TelegramCallbackQuery query, string[] parts,
        ButtonTexts texts, TelegramBot bot, CancellationToken cancellationToken)
    {
        var key = $"{parts[0]}:{parts[1]}";
        if (BurnButtons.Parse(key) is not { } ids
            || !services.GetRequiredService<ActionSigner>().VerifyTelegram(key, parts[2]))
        {
            LogForged(Logger(services), "Telegram");
            await bot.AnswerAsync(query.Id, texts.Forged, cancellationToken);
            return;
        }

        var user = query.From is { } from
            ? from.Username ?? from.FirstName ?? from.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "telegram";
        var outcome = await AcknowledgeAsync(services, ids, user, "telegram", texts, cancellationToken);
        await bot.AnswerAsync(query.Id, outcome.Refusal ?? Burn(services).YouTook, cancellationToken);
        if (!outcome.Refused && query.Message is { } message)
        {
            var text = string.IsNullOrEmpty(message.Text)
                ? outcome.TakenLine!
                : $"{message.Text}\n\n{outcome.TakenLine}";
            await bot.EditAsync(message.Chat.Id, message.MessageId, text, cancellationToken);
        }
    }

    private static async Task<AckOutcome> AcknowledgeAsync(IServiceProvider services, IReadOnlyList<long> ids,
        string user, string source, ButtonTexts texts, CancellationToken cancellationToken)
    {
        if (services.GetService<IOnCallCommands>() is not { } commands)
        {
            return AckOutcome.Refuse(texts.NotPossible);
        }

        var applied = new List<long>();
        string? message = null;
        foreach (var id in ids)
        {
            var reply = await commands.ApplyAsync(
                new OnCallCommand { Kind = OnCallCommandKinds.AcknowledgeBurn, Id = id, Source = source },
                new Actor(user, Role.Operator), cancellationToken);
            if (reply.Status == OnCallReply.Applied)
            {
                applied.Add(id);
            }
            else
            {
                message ??= reply.Message;
            }
        }

        var zone = TeamZone.Find(services.GetRequiredService<IOptions<ButtonOptions>>().Value.TimeZone)
            ?? TimeZoneInfo.Utc;
        if (applied.Count > 0)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            return new AckOutcome(applied, texts.Taken(user, now, zone), null);
        }

        var state = await BurnButtons.StateAsync(services.GetRequiredService<StoreConnections>(), ids,
            cancellationToken);
        return state switch
        {
            { By: { } by, At: { } at } =>
                AckOutcome.Refuse(texts.AlreadyTaken(by, DateTimeOffset.FromUnixTimeMilliseconds(at), zone)),
            { Closed: true } => AckOutcome.Refuse(Burn(services).Closed),
            _ => AckOutcome.Refuse(message ?? texts.NotPossible),
        };
    }

    private static BurnButtonTexts Burn(IServiceProvider services) =>
        BurnButtonTexts.For(services.GetRequiredService<IOptions<ButtonOptions>>().Value.Language);

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("AmoHealth.Prober.OnCall.Buttons");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Channel} burn alert button click with a bad signature was "
        + "refused")]
    private static partial void LogForged(ILogger logger, string channel);
}
