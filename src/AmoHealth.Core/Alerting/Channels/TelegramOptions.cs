namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Section <c>Notifications:Telegram</c>. Off unless <see cref="BotToken"/> is set.</summary>
public sealed class TelegramOptions
{
    /// <summary>The bot's token. A secret: never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Chat id (a number) or <c>@channelusername</c>.</summary>
    public string? ChatId { get; set; }

    /// <summary>Bot API base URL. Default <c>https://api.telegram.org</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";
}
