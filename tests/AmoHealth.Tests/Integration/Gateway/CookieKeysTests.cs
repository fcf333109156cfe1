using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>The cookie-signing keys at rest: encrypted with the configured certificate, required in
/// Production.</summary>
[Trait("Ring", "Integration")]
public sealed class CookieKeysTests : IDisposable
{
    private const string Password = "cookie keys at rest";
    private static readonly string Hash = Passwords.Hash(Password);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));

    public CookieKeysTests() => Directory.CreateDirectory(_dir);

    private string Keys => Path.Combine(_dir, "keys");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ProductionLoginWithoutAKeysCertificateRefusesToStartAndSaysWhatToSet()
    {
        var refused = Assert.ThrowsAny<Exception>(() => new GatewayHost(Settings(certificate: null)));

        var validation = Assert.IsType<OptionsValidationException>(refused.GetBaseException());
        Assert.Contains("Auth:KeysCertificate is required in Production", validation.Message);
    }

    [Fact]
    public void AnUnreadableKeysCertificateIsNamedAtStart()
    {
        var garbage = Path.Combine(_dir, "not-a-pem.pem");
        File.WriteAllText(garbage, "not a certificate");

        var refused = Assert.ThrowsAny<Exception>(() => new GatewayHost(Settings(garbage)));

        var named = Chain(refused).OfType<InvalidOperationException>()
            .Single(e => e.Message.StartsWith("Auth:KeysCertificate", StringComparison.Ordinal));
        Assert.StartsWith($"Auth:KeysCertificate ({garbage}) cannot be read as a PEM certificate with its private key",
            named.Message);
    }

    [Fact]
    public async Task KeysAreEncryptedAtRestAndASessionOutlivesARestartOnlyWithTheSameCertificate()
    {
        var certificate = TestCertificates.WriteCombined(Path.Combine(_dir, "gateway-keys.pem"));
        string session;
        await using (var gateway = new GatewayHost(Settings(certificate)))
        {
            using var client = gateway.Client();
            using var signIn = await client.PostAsync("/auth/login",
                new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["user"] = "admin", ["password"] = Password, ["returnUrl"] = "/",
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
            // Secure in Production: a browser sends it over HTTPS only, so it is carried by hand over this plain HTTP
            // hop.
            session = signIn.Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith("amohealth=", StringComparison.Ordinal)).Split(';')[0];
        }

        // On disk: the key's secret is an encrypted blob; the plain form (<masterKey> with its value) is absent.
        var files = Directory.GetFiles(Keys, "key-*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("EncryptedXml", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }

        await using (var restarted = new GatewayHost(Settings(certificate)))
        {
            using var client = WithCookie(restarted, session);
            Assert.Contains("\"user\":\"admin\"", await client.GetStringAsync("/auth/me"));
        }

        // The keys folder with another certificate: the old keys cannot be read, the session is not honoured.
        var other = TestCertificates.WriteCombined(Path.Combine(_dir, "other.pem"));
        await using (var stranger = new GatewayHost(Settings(other)))
        {
            using var client = WithCookie(stranger, session);
            using var status = await client.GetAsync("/api/status");
            Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        }
    }

    private static HttpClient WithCookie(GatewayHost gateway, string cookie)
    {
        var client = new HttpClient(
            new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = gateway.BaseUri };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            yield return ex;
        }
    }

    private Dictionary<string, string> Settings(string? certificate)
    {
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Auth:Mode"] = "Login",
            ["Auth:User"] = "admin",
            ["Auth:PasswordHash"] = Hash,
            ["Auth:KeysDirectory"] = Keys,
        };
        if (certificate is not null)
        {
            settings["Auth:KeysCertificate"] = certificate;
        }

        return settings;
    }
}
