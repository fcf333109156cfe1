using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AmoHealth.Simulator.Amo;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.OAuth;

/// <summary>
/// Access tokens shaped like amoCRM's: RS256 JWTs whose header carries <c>jti</c> and whose claims include
/// <c>exp</c>, <c>account_id</c> and <c>api_domain</c>. Clients read the claims without checking the signature.
/// </summary>
public sealed class JwtIssuer(IOptions<SimulatorOptions> options) : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public string Issue(DateTimeOffset issuedAt, DateTimeOffset expires, string grantType)
    {
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var header = new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = "RS256", ["jti"] = jti };
        var claims = new Dictionary<string, object>
        {
            ["aud"] = options.Value.Integration.ClientId,
            ["jti"] = jti,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["sub"] = AccountState.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["grant_type"] = grantType,
            ["account_id"] = AccountState.AccountId,
            ["base_domain"] = "amocrm.ru",
            ["version"] = 2,
            ["scopes"] = new[] { "crm", "files", "files_delete", "notifications", "push_notifications" },
            ["hash_uuid"] = Guid.NewGuid().ToString(),
            ["api_domain"] = "api-b.amocrm.ru",
        };

        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public void Dispose() => _key.Dispose();

    private static string Encode(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-')
        .Replace('/', '_');
}
