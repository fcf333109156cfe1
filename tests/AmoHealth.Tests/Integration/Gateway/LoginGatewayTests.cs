using System.Net;
using AmoHealth.Gateway.Auth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>A Gateway in Login mode with a known password, its keys in a fresh folder.</summary>
public abstract class LoginGatewayTests : IDisposable
{
    protected const string Password = "correct horse battery staple";
    protected static readonly string Hash = Passwords.Hash(Password);
    protected readonly string _keys = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    protected GatewayHost Login(int attempts = 5, string hash = "") => new(new()
    {
        ["Auth:Mode"] = "Login",
        ["Auth:User"] = "admin",
        ["Auth:PasswordHash"] = hash.Length > 0 ? hash : Hash,
        ["Auth:AttemptsPerMinute"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:KeysDirectory"] = _keys,
    });

    protected static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password,
        string returnUrl) =>
        client.PostAsync("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["password"] = password, ["returnUrl"] = returnUrl,
        }));

    /// <summary>Runs the Gateway's forwarded-headers settings on one request from <paramref name="peer"/>.</summary>
    protected static async Task<string?> ClientAddressAsync(IPAddress peer, string forwardedFor,
        AuthOptions? auth = null)
    {
        var options = new ForwardedHeadersOptions();
        TrustedProxies.Configure(options, auth ?? new AuthOptions());
        string? seen = null;
        var middleware = new ForwardedHeadersMiddleware(
            context =>
            {
                seen = context.Connection.RemoteIpAddress?.ToString();
                return Task.CompletedTask;
            },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            Microsoft.Extensions.Options.Options.Create(options));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = peer;
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        await middleware.Invoke(context);
        return seen;
    }
}
