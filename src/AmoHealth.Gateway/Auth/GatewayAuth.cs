using System.Net;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Access to everything the Gateway serves, by <see cref="AuthOptions.Mode"/>: open, a login with a cookie
/// session, or a user named by the reverse proxy. Always open: <c>/health</c> and <c>/alive</c> (probes),
/// <c>/hooks/*</c> (amoCRM's webhooks, protected by their secret path segment), the login page itself and the
/// public status pages (<c>/status/*</c>: a crowd there never meets the sign-in page or its limits).
/// </summary>
public static partial class GatewayAuth
{
    public const string LoginPath = "/login";
    private const string PeerKey = "amohealth.peer";
    private static readonly string[] OpenPaths = ["/health", "/alive", "/hooks", LoginPath, "/auth/login", "/login.css",
        "/favicon.svg", "/status"];

    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            // Keys at rest: in Production the cookie keys are encrypted, so a copy of the keys folder forges nothing.
            .Validate<IHostEnvironment>((o, environment) => o.Mode != AuthMode.Login
                || !string.IsNullOrWhiteSpace(o.KeysCertificate) || !environment.IsProduction(),
                "Auth:KeysCertificate is required in Production with Auth:Mode=Login: a PEM file with a certificate " +
                    "and its RSA key that encrypts " +
                "the cookie keys at rest (install.sh generates /etc/amohealth/gateway-keys.pem; or: openssl req " +
                    "-x509 -newkey rsa:3072 -nodes " +
                "-days 3650 -subj /CN=amohealth-keys -keyout k.pem -out c.pem && cat k.pem c.pem > gateway-keys.pem).")
            .ValidateOnStart();
        // Each problem is named by its key (Auth:User, Auth:PasswordHash, Auth:ProxySecret, ...).
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        // Fail closed: anonymous only in Development on loopback (AnonymousAccess says why otherwise).
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AnonymousAccess>();
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();

        CookieKeys.Configure(builder.Services.AddDataProtection().SetApplicationName("AmoHealth"), options);

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "amohealth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                // Behind Nginx the Gateway hears plain HTTP; the browser's side is HTTPS everywhere but a developer's
                // machine.
                cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest
                    : CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(options.SessionDays);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = LoginPath;
                cookie.Events.OnValidatePrincipal = SessionStamp.ValidateAsync;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<SignInGate>();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<AuthOptions>>((forwarded, auth) => TrustedProxies.Configure(forwarded, auth.Value));
        return builder;
    }

    public static WebApplication UseGatewayAuth(this WebApplication app)
    {
        // The TCP peer, before X-Forwarded-For replaces the address: proxy mode trusts only a trusted proxy.
        app.Use(static (context, next) =>
        {
            context.Items[PeerKey] = context.Connection.RemoteIpAddress;
            return next(context);
        });
        app.UseForwardedHeaders();
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (options.Mode == AuthMode.None)
        {
            // Development on loopback only (AnonymousAccess): whoever is here may do everything, and says so.
            var anonymous = Principals.Create(Principals.Anonymous, Role.Admin, "none");
            app.Use((context, next) =>
            {
                context.User = anonymous;
                return next(context);
            });
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
        // Only the proxy may name the user: it connects from loopback (or a known proxy) and adds the shared
        // secret, which a client's own copy of the header cannot carry (Nginx overwrites it).
        if (user.Length > 0 && TrustedProxies.IsTrusted(context.Items[PeerKey] as IPAddress, options)
            && options.ProxySecret is { Length: > 0 } expected
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            // The role headers are read only here, under the same trust as the user header.
            context.User = Principals.Create(user, ProxyRoles.Resolve(options, user, context.Request.Headers), "proxy");
        }
    }

    private static bool IsOpen(PathString path) => OpenPaths.Any(open => path.StartsWithSegments(open));

    private static async Task ChallengeAsync(HttpContext context, AuthOptions options)
    {
        var path = context.Request.Path;
        var wantsPage = HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/metrics")
                && options.Mode == AuthMode.Login;
        if (wantsPage)
        {
            context.Response.Redirect(
                $"{LoginPath}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            title: "Authentication required",
            detail: options.Mode == AuthMode.Login ? $"Sign in at {LoginPath}."
                : $"The reverse proxy must authenticate the request and set {options.ProxyHeader}.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    private static void MapEndpoints(WebApplication app, AuthOptions options)
    {
        app.MapGet("/auth/me", Me);
        if (options.Mode != AuthMode.Login)
        {
            return;
        }

        app.MapGet(LoginPath, (HttpContext context, string? returnUrl, string? failed) =>
            Results.Content(
                LoginPage.Render(ReturnUrls.LocalOnly(returnUrl), failed is not null,
                context.Request.Headers.AcceptLanguage.ToString()), "text/html; charset=utf-8"));
        app.MapPost("/auth/login", LoginAsync).DisableAntiforgery();
        app.MapPost("/auth/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        }).DisableAntiforgery();
    }

    private static Ok<SignedInUser> Me(HttpContext context, IOptions<AuthOptions> options)
    {
        var actor = Principals.Actor(context.User);
        return TypedResults.Ok(new SignedInUser(
            options.Value.Mode.ToString().ToLowerInvariant(),
            actor?.Name,
            actor?.Role.ToName(),
            context.Connection.RemoteIpAddress?.ToString()));
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IOptions<AuthOptions> options, SignInGate gate,
        ILoggerFactory loggers)
    {
        var form = await context.Request.ReadFormAsync();
        var user = form["user"].ToString();
        var password = form["password"].ToString();
        var returnUrl = ReturnUrls.LocalOnly(form["returnUrl"].ToString());
        var logger = loggers.CreateLogger("AmoHealth.Gateway.Auth");
        var known = UserDirectory.Find(options.Value, user);
        var verdict = await gate.CheckAsync(context.Connection.RemoteIpAddress, password,
            known?.PasswordHash ?? SignInGate.NobodysHash, context.RequestAborted);
        if (verdict is SignInVerdict.Limited or SignInVerdict.Busy)
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (known is null || verdict != SignInVerdict.Right)
        {
            LogFailed(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Redirect($"{LoginPath}?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var principal = Principals.Create(known.Name, known.Role, CookieAuthenticationDefaults.AuthenticationScheme,
            SessionStamp.Claim(known));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = true });
        LogSignedIn(logger, known.Name, known.Role.ToName());
        return Results.LocalRedirect(returnUrl);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string user, string role);
}
