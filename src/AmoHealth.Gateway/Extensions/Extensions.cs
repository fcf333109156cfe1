namespace AmoHealth.Gateway.Extensions;

public static class Extensions
{
    /// <summary>The default port, as in the seed (<c>PORT=3001</c>).</summary>
    public const int DefaultPort = 3001;

    /// <summary>
    /// YARP with routes from the <c>ReverseProxy</c> section; destinations such as <c>http://api</c> are
    /// resolved by service discovery (from the AppHost, or <c>Services__api__http__0</c> in production).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    /// <summary>
    /// Outside the AppHost (which sets <c>ASPNETCORE_URLS</c>) the gateway listens on <c>PORT</c>
    /// (default 3001) on 127.0.0.1: IPv4 explicitly, where Nginx connects.
    /// </summary>
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

    /// <summary>Static files, the proxy, and the SPA fallback, in an order where neither shadows the other.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapReverseProxy();
        // /api/** always goes to the Api (YARP route), so an unknown API URL is the Api's 404, never the page.
        app.MapFallbackToFile("index.html");
        return app;
    }
}
