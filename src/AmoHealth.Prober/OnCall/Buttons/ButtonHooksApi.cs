using System.Text.Json;
using AmoHealth.Core.Alerting.Channels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>Where the alert buttons' clicks arrive (open at the Gateway like amoCRM's webhooks, so every click proves
/// itself): <c>POST /hooks/mattermost/actions</c> with the signed context Mattermost passes back, and
/// <c>POST /hooks/telegram/{secret}</c> with Telegram's <c>secret_token</c> header and signed callback data. A forged,
/// expired or replayed click changes nothing and is answered with a line only the clicker sees.</summary>
public static partial class ButtonHooksApi
{
    public const string TelegramPath = "/hooks/telegram";
    public const string TelegramSecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const string MattermostChannel = "mattermost";

    public static RouteGroupBuilder MapButtonHooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/hooks");
        group.MapPost("/mattermost/actions", MattermostAsync);
        group.MapPost("/telegram/{secret}", TelegramAsync);
        return group;
    }

    private static async Task<JsonHttpResult<MattermostClickReply>> MattermostAsync(
        HttpRequest request, ActionSigner signer, Acknowledgements acks, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var click = await ReadAsync(request, ButtonJsonContext.Default.MattermostClick, cancellationToken);
        if (BurnButtons.Parse(click?.Context?.Incidents) is { } burns)
        {
            var (burnUpdate, text) = await BurnClicks.MattermostAsync(request.HttpContext.RequestServices, click!,
                burns, acks.Texts, cancellationToken);
            return Reply(burnUpdate, text);
        }

        if (click?.Context is not { } context || AckButtons.ParseIncidents(context.Incidents) is not { } ids
            || !signer.VerifyMattermost(context.Incidents, context.Exp, context.Sig))
        {
            LogForged(Logger(loggers), "Mattermost");
            return Reply(null, acks.Texts.Forged);
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > context.Exp)
        {
            return Reply(null, acks.Texts.Expired);
        }

        var user = string.IsNullOrWhiteSpace(click.UserName) ? click.UserId ?? MattermostChannel : click.UserName;
        var outcome = await acks.AcknowledgeAsync(ids, user, MattermostChannel, cancellationToken);
        if (outcome.Refused)
        {
            return Reply(null, outcome.Refusal!);
        }

        var original = await acks.OriginalTextAsync(ids, MattermostChannel, cancellationToken);
        var update = original is null ? null : new MattermostPostUpdate(original,
            new MattermostPostProps([new MattermostAttachment(outcome.TakenLine!, Actions: null)]));
        return Reply(update, acks.Texts.YouTook);
    }

    private static async Task<Results<Ok, NotFound>> TelegramAsync(
        string secret, HttpRequest request, ActionSigner signer, Acknowledgements acks, TelegramBot bot,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!signer.IsTelegramSecret(secret) || !signer.IsTelegramSecret(request.Headers[TelegramSecretHeader]))
        {
            return TypedResults.NotFound();
        }

        var update = await ReadAsync(request, ButtonJsonContext.Default.TelegramUpdate, cancellationToken);
        if (update?.CallbackQuery is not { } query)
        {
            // Anything else the bot receives is none of AmoHealth's business; 200 so Telegram does not retry it.
            return TypedResults.Ok();
        }

        var parts = query.Data?.Split(':') ?? [];
        if (parts.Length == 3 && parts[0] == BurnButtons.Prefix)
        {
            await BurnClicks.TelegramAsync(request.HttpContext.RequestServices, query, parts, acks.Texts, bot,
                cancellationToken);
            return TypedResults.Ok();
        }

        var ids = parts.Length == 3 && parts[0] == "ack" ? AckButtons.ParseIncidents(parts[1]) : null;
        if (ids is null || !signer.VerifyTelegram(parts[1], parts[2]))
        {
            LogForged(Logger(loggers), "Telegram");
            await bot.AnswerAsync(query.Id, acks.Texts.Forged, cancellationToken);
            return TypedResults.Ok();
        }

        var user = query.From is { } from
            ? from.Username ?? from.FirstName ?? from.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "telegram";
        var outcome = await acks.AcknowledgeAsync(ids, user, "telegram", cancellationToken);
        await bot.AnswerAsync(query.Id, outcome.Refusal ?? acks.Texts.YouTook, cancellationToken);
        if (!outcome.Refused && query.Message is { } message)
        {
            var text = string.IsNullOrEmpty(message.Text)
                ? outcome.TakenLine!
                : $"{message.Text}\n\n{outcome.TakenLine}";
            await bot.EditAsync(message.Chat.Id, message.MessageId, text, cancellationToken);
        }

        return TypedResults.Ok();
    }

    private static async Task<T?> ReadAsync<T>(
        HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonHttpResult<MattermostClickReply> Reply(MattermostPostUpdate? update, string text) =>
        TypedResults.Json(new MattermostClickReply(update, text), ButtonJsonContext.Default.MattermostClickReply);

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("AmoHealth.Prober.OnCall.Buttons");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Channel} button click with a bad signature was refused")]
    private static partial void LogForged(ILogger logger, string channel);
}
