using System.Text.Json.Serialization;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>Source-generated JSON of the Mattermost and Telegram button hooks.</summary>
[JsonSerializable(typeof(MattermostClick))]
[JsonSerializable(typeof(MattermostClickReply))]
[JsonSerializable(typeof(TelegramUpdate))]
[JsonSerializable(typeof(TelegramAnswer))]
[JsonSerializable(typeof(TelegramEdit))]
public sealed partial class ButtonJsonContext : JsonSerializerContext;
