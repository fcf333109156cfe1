using System.Security.Cryptography;
using System.Text;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>Signs and checks the buttons' data with HMAC-SHA256: the key is <c>Alerts:ActionSecret</c>, or one derived
/// from <c>Monitor:HookSecret</c> (never the hook secret itself, which travels in amoCRM's webhook URLs). Checks take
/// constant time.</summary>
public sealed class ActionSigner
{
    private readonly byte[]? _key;

    public ActionSigner(IOptions<ButtonOptions> buttons, IOptions<MonitorOptions> monitor)
    {
        if (!string.IsNullOrEmpty(buttons.Value.ActionSecret))
        {
            _key = Encoding.UTF8.GetBytes(buttons.Value.ActionSecret);
        }
        else if (!string.IsNullOrEmpty(monitor.Value.HookSecret))
        {
            _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(monitor.Value.HookSecret),
                Encoding.UTF8.GetBytes("amohealth:action-buttons"));
        }

        TelegramSecret = _key is null ? null : Convert.ToHexStringLower(Mac("telegram-webhook"))[..32];
    }

    /// <summary>Whether buttons can be signed at all.</summary>
    public bool Enabled => _key is not null;

    /// <summary>The path segment and <c>secret_token</c> of the Telegram webhook (hex, as Telegram allows).</summary>
    public string? TelegramSecret { get; }

    public string SignMattermost(string incidents, long exp) => Encode(Mac($"mattermost|{incidents}|{exp}"));

    /// <summary>16 characters (96 bits): Telegram's callback data holds 64 bytes in all.</summary>
    public string SignTelegram(string incidents) => Encode(Mac($"telegram|{incidents}"))[..16];

    public bool VerifyMattermost(string incidents, long exp, string? sig) =>
        Enabled && Same(SignMattermost(incidents, exp), sig);

    public bool VerifyTelegram(string incidents, string? sig) => Enabled && Same(SignTelegram(incidents), sig);

    public bool IsTelegramSecret(string? value) => TelegramSecret is { } secret && Same(secret, value);

    private static bool Same(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private byte[] Mac(string data) => HMACSHA256.HashData(_key!, Encoding.UTF8.GetBytes(data));

    private static string Encode(byte[] mac) =>
        Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
