namespace AmoHealth.Gateway.Extensions;

public static class Extensions
{
    /// <summary>The default port, as in the seed (<c>PORT=3001</c>).</summary>
    public const int DefaultPort = 3001;

    /// <summary>YARP with routes from the <c>ReverseProxy</c> section; destinations such as <c>http://api</c> are
    /// resolved by service discovery (from the AppHost, or <c>Services__api__http__0</c> in production). Requests reach
    /// them without the client's cookies and with the internal secret (<see cref="BackendAccess"/>).</summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName);
        builder.Services.AddSingleton<PublicPages.LastGoodCopies>();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(ActorForwarding.Forward)
            .AddServiceDiscoveryDestinationResolver()
            .AddBackendAccess(builder);
        return builder;
    }

    /// <summary>Outside the AppHost (which sets <c>ASPNETCORE_URLS</c>) the gateway listens on <c>PORT</c> (default
    /// 3001) on 127.0.0.1: IPv4 explicitly, where Nginx connects.</summary>
    public static WebApplicationBuilder UseSeedPort(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])
            || !string.IsNullOrEmpty(builder.Configuration["URLS"]))
        {
            return builder;
        }

        var text = builder.Configuration["PORT"];
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(text) && (!int.TryParse(text, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"PORT must be a TCP port number (1-65535), got '{text}'.");
        }

        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder;
    }

    /// <summary>Security headers for the page, static files with the right caching, the proxy, and the SPA fallback, in
    /// an order where neither shadows the other.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>()
            .Value.SecurityHeaders)
        {
            app.Use(static (context, next) =>
            {
                SecurityHeaders.Apply(context);
                return next(context);
            });
        }

        var files = new StaticFileOptions
        {
            // Vite's /assets/* names carry a content hash: cache them for good. Everything else is revalidated.
            OnPrepareResponse = static file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable"
                    : "no-cache",
        };
        app.UseDefaultFiles();
        app.UseStaticFiles(files);
        // Public status pages keep their last good answer for when the Api fails (LastGoodAnswers); the rest of the
        // pipeline is YARP's default.
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(PublicPages.LastGoodAnswers.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        // /api/** always goes to the Api (YARP route), so an unknown API URL is the Api's 404, never the page.
        app.MapFallbackToFile("index.html", files);
        return app;
    }
}
