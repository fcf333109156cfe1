using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.ServiceDefaults.Access;

/// <summary>A backend (Api, Prober) answers only its Gateway: see <see cref="InternalAccessOptions"/>.</summary>
public static class InternalAccessExtensions
{
    private static readonly string[] OpenPaths = ["/health", "/alive"];

    /// <summary>
    /// Binds <c>Internal:ProxySecret</c> and stops the service at start, naming the key, when it is too short or
    /// when the service listens beyond loopback without it.
    /// </summary>
    public static TBuilder AddInternalAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var urls = ListenAddresses.From(builder.Configuration);
        builder.Services.AddOptions<InternalAccessOptions>()
            .BindConfiguration(InternalAccessOptions.SectionName)
            .Validate(o => o.ProxySecret is null || o.ProxySecret.Length >= InternalAccessOptions.MinimumLength,
                $"Internal:ProxySecret must be at least {InternalAccessOptions.MinimumLength} characters (openssl " +
                    $"rand -hex 24).")
            .Validate(o => !string.IsNullOrEmpty(o.ProxySecret) || ListenAddresses.AreLoopbackOnly(urls),
                $"Internal:ProxySecret is required when the service listens beyond loopback " +
                    $"({string.Join(", ", urls)}): " +
                $"set the same value in the Gateway's and this service's environment (Internal__ProxySecret).")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>With a secret configured, answers 403 to every request without it, except health probes.</summary>
    public static WebApplication UseInternalAccess(this WebApplication app)
    {
        var secret = app.Services.GetRequiredService<IOptions<InternalAccessOptions>>().Value.ProxySecret;
        if (string.IsNullOrEmpty(secret))
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes(secret);
        app.Use((context, next) =>
        {
            var given = Encoding.UTF8.GetBytes(context.Request.Headers[InternalAccessOptions.HeaderName].ToString());
            if (CryptographicOperations.FixedTimeEquals(given, expected)
                || OpenPaths.Any(path => context.Request.Path.StartsWithSegments(path)))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
        return app;
    }
}
