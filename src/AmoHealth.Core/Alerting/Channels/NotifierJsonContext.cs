using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Source-generated JSON for what the alert channels post, with the options <c>PostAsJsonAsync</c> always used
/// (web defaults: nulls written, the default escaping), so every payload leaves byte for byte as before.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MattermostMessage))]
[JsonSerializable(typeof(TelegramMessage))]
[JsonSerializable(typeof(MattermostButtonMessage))]
[JsonSerializable(typeof(TelegramButtonMessage))]
[JsonSerializable(typeof(WebhookAlert))]
internal sealed partial class NotifierJsonContext : JsonSerializerContext;
