using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Access to everything the Gateway serves, by <see cref="AuthOptions.Mode"/>: open, a login with a cookie
/// session, or a user named by the reverse proxy. Always open: <c>/health</c> and <c>/alive</c> (probes),
/// <c>/hooks/*</c> (amoCRM's webhooks, protected by their secret path segment) and the login page itself.
/// </summary>
public static partial class GatewayAuth
{
    public const string LoginPath = "/login";
    public const string LoginPolicy = "login";
    private const string PeerKey = "amohealth.peer";
    private static readonly string[] OpenPaths = ["/health", "/alive", "/hooks", LoginPath, "/auth/login", "/login.css", "/favicon.svg"];

    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            // Each problem is named by its key (Auth:User, Auth:PasswordHash, Auth:ProxySecret, ...).
            .ValidateDataAnnotations()
            // Fail closed: a production Gateway without authentication serves the dashboard and API to anyone.
            .Validate<IHostEnvironment>((o, environment) => o.Mode != AuthMode.None || o.AllowAnonymous || !environment.IsProduction(),
                "Auth:Mode is None in Production: set Auth:Mode to Login (or Proxy), or Auth:AllowAnonymous=true if anonymous access is intended.")
            // Keys at rest: in Production the cookie keys are encrypted, so a copy of the keys folder forges nothing.
            .Validate<IHostEnvironment>((o, environment) => o.Mode != AuthMode.Login || !string.IsNullOrWhiteSpace(o.KeysCertificate) || !environment.IsProduction(),
                "Auth:KeysCertificate is required in Production with Auth:Mode=Login: a PEM file with a certificate and its RSA key that encrypts " +
                "the cookie keys at rest (install.sh generates /etc/amohealth/gateway-keys.pem; or: openssl req -x509 -newkey rsa:3072 -nodes " +
                "-days 3650 -subj /CN=amohealth-keys -keyout k.pem -out c.pem && cat k.pem c.pem > gateway-keys.pem).")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();

        CookieKeys.Configure(builder.Services.AddDataProtection().SetApplicationName("AmoHealth"), options);

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "amohealth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(options.SessionDays);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = LoginPath;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                SignInGate.ClientKey(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddSingleton<SignInGate>();
        builder.Services.Configure<ForwardedHeadersOptions>(ConfigureForwardedHeaders);
        return builder;
    }

    /// <summary>
    /// X-Forwarded-For and -Proto are believed only when the connection comes from loopback (Nginx on the
    /// same host), and only the last hop: a client cannot choose the address it is rate-limited by.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownProxies.Add(IPAddress.Loopback);
        options.KnownProxies.Add(IPAddress.IPv6Loopback);
    }

    public static WebApplication UseGatewayAuth(this WebApplication app)
    {
        // The TCP peer, before X-Forwarded-For replaces the address: proxy mode trusts only a loopback peer.
        app.Use(static (context, next) =>
        {
            context.Items[PeerKey] = context.Connection.RemoteIpAddress;
            return next(context);
        });
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (options.Mode == AuthMode.None)
        {
            MapEndpoints(app, options);
            return app;
        }

        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (options.Mode == AuthMode.Proxy)
            {
                ProxyUser(context, options);
            }

            if (context.User.Identity?.IsAuthenticated == true || IsOpen(context.Request.Path))
            {
                await next(context);
                return;
            }

            await ChallengeAsync(context, options);
        });
        MapEndpoints(app, options);
        return app;
    }

    private static void ProxyUser(HttpContext context, AuthOptions options)
    {
        var user = context.Request.Headers[options.ProxyHeader].ToString();
        var secret = context.Request.Headers[AuthOptions.ProxySecretHeader].ToString();
        // Only the proxy on this host may name the user: it connects from loopback and adds the shared secret,
        // which a client's own copy of the header cannot carry (Nginx overwrites it).
        if (user.Length > 0 && context.Items[PeerKey] is IPAddress peer && IPAddress.IsLoopback(peer)
            && options.ProxySecret is { Length: > 0 } expected
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "proxy"));
        }
    }

    private static bool IsOpen(PathString path) => OpenPaths.Any(open => path.StartsWithSegments(open));

    private static async Task ChallengeAsync(HttpContext context, AuthOptions options)
    {
        var path = context.Request.Path;
        var wantsPage = HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/metrics") && options.Mode == AuthMode.Login;
        if (wantsPage)
        {
            context.Response.Redirect($"{LoginPath}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            title: "Authentication required",
            detail: options.Mode == AuthMode.Login ? $"Sign in at {LoginPath}." : $"The reverse proxy must authenticate the request and set {options.ProxyHeader}.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    private static void MapEndpoints(WebApplication app, AuthOptions options)
    {
        app.MapGet("/auth/me", (HttpContext context) => TypedResults.Ok(new
        {
            mode = options.Mode.ToString().ToLowerInvariant(),
            user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null,
            clientAddress = context.Connection.RemoteIpAddress?.ToString(),
        }));
        if (options.Mode != AuthMode.Login)
        {
            return;
        }

        app.MapGet(LoginPath, (HttpContext context, string? returnUrl, string? failed) =>
            Results.Content(LoginPage.Render(LocalOnly(returnUrl), failed is not null, context.Request.Headers.AcceptLanguage.ToString()), "text/html; charset=utf-8"));
        app.MapPost("/auth/login", LoginAsync).RequireRateLimiting(LoginPolicy).DisableAntiforgery();
        app.MapPost("/auth/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        }).DisableAntiforgery();
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IOptions<AuthOptions> options, SignInGate gate, ILoggerFactory loggers)
    {
        if (!gate.TryEnter())
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var form = await context.Request.ReadFormAsync();
        var user = form["user"].ToString();
        var password = form["password"].ToString();
        var returnUrl = LocalOnly(form["returnUrl"].ToString());
        var logger = loggers.CreateLogger("AmoHealth.Gateway.Auth");
        if (await gate.VerifyAsync(password, options.Value.PasswordHash, context.RequestAborted) is not { } verified)
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var valid = string.Equals(user, options.Value.User, StringComparison.Ordinal) & verified;
        if (!valid)
        {
            LogFailed(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Redirect($"{LoginPath}?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
        LogSignedIn(logger, user);
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>
    /// Only a path on this site: never an open redirect. ASP.NET Core's rules (a leading <c>/</c>, not <c>//</c>
    /// or <c>/\</c>), and no control character, white space or backslash anywhere: browsers drop a tab or a
    /// newline from a URL (<c>/%09/evil.example</c> becomes <c>//evil.example</c>) and read <c>\</c> as <c>/</c>.
    /// The redirect itself is a <c>LocalRedirect</c>, which checks again.
    /// </summary>
    private static string LocalOnly(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? returnUrl
            : "/";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in")]
    private static partial void LogSignedIn(ILogger logger, string user);
}
