using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Gateway.Extensions;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Fast;

/// <summary>The Gateway publishes natively, where JSON is written only through generated contracts: a type missing from
/// <see cref="GatewayJsonContext"/> would fail there at run time, while a JIT build falls back to reflection.</summary>
[Trait("Ring", "Fast")]
public sealed class GatewayJsonContractTests : IDisposable
{
    // Well formed (Auth:PasswordHash is only parsed at start); no password matches it.
    private const string AnyHash =
        "pbkdf2-sha256$310000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string ProxySecret = "0123456789abcdef0123456789abcdef";
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task AuthMeAnswersTheModeTheUserTheRoleAndTheClientAddressInCamelCase()
    {
        await using var gateway = new GatewayHost([]);
        using var client = gateway.Client();

        using var me = await client.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("application/json", me.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"mode":"none","user":"anonymous","role":"admin","clientAddress":"127.0.0.1"}""",
            await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithGeneratedJsonOnlyTheUserAndTheRefusalAreStillWritten()
    {
        await using var gateway = new GatewayHost(new()
        {
            ["Auth:Mode"] = "Proxy",
            ["Auth:ProxySecret"] = ProxySecret,
        }, generatedJsonOnly: true);
        using var client = gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("X-Forwarded-User", "alice");
        request.Headers.Add(AuthOptions.ProxySecretHeader, ProxySecret);

        using var me = await client.SendAsync(request);
        using var refused = await client.GetAsync("/api/status");

        Assert.Equal("""{"mode":"proxy","user":"alice","role":"viewer","clientAddress":"127.0.0.1"}""",
            await me.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"title\":\"Authentication required\"", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryJsonAnswerOfTheGatewayHasAGeneratedContract()
    {
        await using var gateway = new GatewayHost(LoginSettings());

        var answered = gateway.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .SelectMany(endpoint => endpoint.Metadata.OfType<IProducesResponseTypeMetadata>())
            .Select(produces => produces.Type)
            .OfType<Type>()
            .Where(type => type != typeof(void))
            .Distinct()
            .ToList();

        Assert.Contains(typeof(SignedInUser), answered);
        Assert.All(answered, type => Assert.True(
            GatewayJsonContext.Default.GetTypeInfo(type) is not null,
                $"{type} is answered as JSON but is not in GatewayJsonContext"));
    }

    private Dictionary<string, string> LoginSettings() => new()
    {
        ["Auth:Mode"] = "Login",
        ["Auth:User"] = "admin",
        ["Auth:PasswordHash"] = AnyHash,
        ["Auth:KeysDirectory"] = _keys,
    };
}
