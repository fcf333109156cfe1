using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AmoHealth.Gateway.Extensions;

/// <summary>
/// What the Gateway passes to the Api and the Prober: never the client's cookies (the session is the Gateway's
/// alone) or a client's copy of a proxy secret; always <see cref="InternalAccessOptions.ProxySecret"/> when
/// configured. Required when a backend (a <c>services:*</c> address) is not on loopback.
/// </summary>
public static class BackendAccess
{
    public static IReverseProxyBuilder AddBackendAccess(this IReverseProxyBuilder proxy,
        IHostApplicationBuilder builder)
    {
        var remote = Destinations(builder.Configuration).Where(url => !ListenAddresses.IsLoopbackDestination(url))
            .ToList();
        builder.Services.AddOptions<InternalAccessOptions>()
            .BindConfiguration(InternalAccessOptions.SectionName)
            .Validate(o => o.ProxySecret is null || o.ProxySecret.Length >= InternalAccessOptions.MinimumLength,
                $"Internal:ProxySecret must be at least {InternalAccessOptions.MinimumLength} characters (openssl " +
                    $"rand -hex 24).")
            .Validate(o => !string.IsNullOrEmpty(o.ProxySecret) || remote.Count == 0,
                $"Internal:ProxySecret is required when a backend is not on loopback ({string.Join(", ", remote)}): " +
                "set the same value here and in every Api's and Prober's environment (Internal__ProxySecret).")
            .ValidateOnStart();
        return proxy.AddTransforms(context =>
        {
            var secret = context.Services.GetRequiredService<IOptions<InternalAccessOptions>>().Value.ProxySecret;
            Apply(context, secret);
        });
    }

    private static void Apply(TransformBuilderContext context, string? secret)
    {
        context.AddRequestHeaderRemove("Cookie");
        context.AddRequestHeaderRemove(Auth.AuthOptions.ProxySecretHeader);
        context.AddRequestHeaderRemove(InternalAccessOptions.HeaderName);
        if (!string.IsNullOrEmpty(secret))
        {
            context.AddRequestHeader(InternalAccessOptions.HeaderName, secret, append: false);
        }
    }

    /// <summary>The backends' addresses as service discovery reads them (<c>services:api:http:0</c>, ...).</summary>
    private static IEnumerable<string> Destinations(IConfiguration configuration) =>
        configuration.GetSection("services").AsEnumerable()
            .Where(pair => !string.IsNullOrWhiteSpace(pair.Value)
                && pair.Value.Contains("://", StringComparison.Ordinal))
            .Select(pair => pair.Value!);
}
