using System.Net;
using System.Text;
using System.Text.Json;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.OAuth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Simulator;

[Trait("Ring", "Integration")]
public sealed class OAuthContractTests : IDisposable
{
    private static readonly IntegrationOptions Integration = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SimulatorHost _simulator;
    private readonly HttpClient _client;

    public OAuthContractTests()
    {
        _simulator = SimulatorHost.With(time: _time);
        _client = _simulator.CreateAmoClient(token: null);
    }

    public void Dispose()
    {
        _client.Dispose();
        _simulator.Dispose();
    }

    [Fact]
    public async Task AnAuthorizationCodeBuysAJwtAndARefreshTokenOnce()
    {
        var code = await IssueCodeAsync();

        using var response = await _client.PostJsonAsync("/oauth2/access_token",
            Body("authorization_code", ("code", code)));
        using var reused = await _client.PostJsonAsync("/oauth2/access_token",
            Body("authorization_code", ("code", code)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pair = await response.JsonAsync();
        Assert.Equal("Bearer", pair.GetProperty("token_type").GetString());
        Assert.Equal(86_400, pair.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("def50200", pair.GetProperty("refresh_token").GetString());
        var jwt = pair.GetProperty("access_token").GetString()!;
        var (header, claims) = Decode(jwt);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(header.GetProperty("jti").GetString(), claims.GetProperty("jti").GetString());
        Assert.Equal(AccountState.AccountId, claims.GetProperty("account_id").GetInt64());
        Assert.Equal("api-b.amocrm.ru", claims.GetProperty("api_domain").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds() + 86_400, claims.GetProperty("exp").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await _simulator.CreateAmoClient(jwt).GetAsync("/api/v4/account")).StatusCode);
        await AssertOAuthErrorAsync(reused, "Authorization code has been revoked");
    }

    [Fact]
    public async Task RefreshTokensAreSingleUseAndEachRefreshRotatesThePair()
    {
        var first = await ExchangeAsync(await IssueCodeAsync());
        var oldRefresh = first.GetProperty("refresh_token").GetString()!;

        // Form-encoded, as most SDKs send it.
        using var refreshed = await _client.PostAsync("/oauth2/access_token",
            new FormUrlEncodedContent(Form("refresh_token", ("refresh_token", oldRefresh))));
        using var replayed = await _client.PostJsonAsync("/oauth2/access_token",
            Body("refresh_token", ("refresh_token", oldRefresh)));

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await refreshed.JsonAsync();
        Assert.NotEqual(oldRefresh, second.GetProperty("refresh_token").GetString());
        Assert.NotEqual(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        await AssertOAuthErrorAsync(replayed, "Token has been revoked");
        using var again = await _client.PostJsonAsync("/oauth2/access_token",
            Body("refresh_token", ("refresh_token", second.GetProperty("refresh_token").GetString()!)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task AccessTokensAndCodesExpire()
    {
        var staleCode = await IssueCodeAsync();
        var pair = await ExchangeAsync(await IssueCodeAsync());
        using var api = _simulator.CreateAmoClient(pair.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v4/account")).StatusCode);

        _time.Advance(TimeSpan.FromMinutes(21));
        using var lateExchange = await _client.PostJsonAsync("/oauth2/access_token",
            Body("authorization_code", ("code", staleCode)));
        _time.Advance(TimeSpan.FromDays(1));
        using var expired = await api.GetAsync("/api/v4/account");

        await AssertOAuthErrorAsync(lateExchange, "Authorization code has expired");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task ALongLivedTokenWorksUntilItsChosenExpiry()
    {
        using var issue = await _client.PostJsonAsync("/__sim/tokens", """{"days":2}""");
        var token = (await issue.JsonAsync()).GetProperty("access_token").GetString()!;
        using var api = _simulator.CreateAmoClient(token);

        var (_, claims) = Decode(token);
        Assert.Equal(_time.GetUtcNow().AddDays(2).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v4/account")).StatusCode);
        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v4/account")).StatusCode);
    }

    [Fact]
    public async Task BadTokenRequestsGetTheDocumentedErrors()
    {
        using var missing = await _client.PostJsonAsync("/oauth2/access_token", Body("authorization_code"));
        using var unknownCode = await _client.PostJsonAsync("/oauth2/access_token",
            Body("authorization_code", ("code", "def50200abc")));
        using var unknownRefresh = await _client.PostJsonAsync("/oauth2/access_token",
            Body("refresh_token", ("refresh_token", "nope")));
        using var badGrant = await _client.PostJsonAsync("/oauth2/access_token", Body("password"));
        using var wrongSecret = await _client.PostJsonAsync("/oauth2/access_token",
            JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["client_id"] = Integration.ClientId,
                ["client_secret"] = "wrong",
                ["grant_type"] = "authorization_code",
                ["code"] = "x",
                ["redirect_uri"] = Integration.RedirectUri,
            }));

        await AssertOAuthErrorAsync(missing, "Check the `code` parameter");
        await AssertOAuthErrorAsync(unknownCode, "Cannot decrypt the authorization code");
        await AssertOAuthErrorAsync(unknownRefresh, "Cannot decrypt the refresh token");
        await AssertOAuthErrorAsync(badGrant,
            "The authorization grant type is not supported by the authorization server.");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("Некорректный клиент", (await wrongSecret.JsonAsync()).GetProperty("title")
            .GetString());
    }

    private async Task<string> IssueCodeAsync()
    {
        using var response = await _client.PostAsync("/__sim/oauth/code", null);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    private async Task<JsonElement> ExchangeAsync(string code)
    {
        using var response = await _client.PostJsonAsync("/oauth2/access_token",
            Body("authorization_code", ("code", code)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static string Body(string grantType, params (string Key, string Value)[] extra) =>
        JsonSerializer.Serialize(Form(grantType, extra).ToDictionary(p => p.Key, p => p.Value));

    private static List<KeyValuePair<string,
        string>> Form(string grantType, params (string Key, string Value)[] extra) =>
    [
        new("client_id", Integration.ClientId),
        new("client_secret", Integration.ClientSecret),
        new("grant_type", grantType),
        new("redirect_uri", Integration.RedirectUri),
        .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)),
    ];

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string hint)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(hint, body.GetProperty("hint").GetString());
        Assert.Equal("https://developers.amocrm.ru/v3/errors/OAuthProblemJson", body.GetProperty("type").GetString());
        Assert.Equal("Некорректный запрос", body.GetProperty("title").GetString());
    }

    private static (JsonElement Header, JsonElement Claims) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (Part(parts[0]), Part(parts[1]));

        static JsonElement Part(string part)
        {
            var padded = part.Replace('-', '+').Replace('_', '/')
                .PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded))).RootElement.Clone();
        }
    }
}
