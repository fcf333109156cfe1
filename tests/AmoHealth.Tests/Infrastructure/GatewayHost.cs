using AmoHealth.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Gateway on a real loopback port (so client addresses are real), with the given settings.</summary>
public sealed class GatewayHost : WebApplicationFactory<GatewayMarker>
{
    private readonly Dictionary<string, string> _settings;
    private readonly bool _generatedJsonOnly;

    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="generatedJsonOnly">
    /// Writes JSON only through generated contracts, as the native build does (it has no reflection-based
    /// serializer): a type the Gateway writes without a contract fails here as it would in production.
    /// </param>
    public GatewayHost(Dictionary<string, string> settings, bool generatedJsonOnly = false)
    {
        _generatedJsonOnly = generatedJsonOnly;
        _settings = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            // Nothing listens there: proxied requests answer 502, which is enough to tell "let through" from 401.
            ["services:api:http:0"] = "http://127.0.0.1:1",
            ["services:prober:http:0"] = "http://127.0.0.1:1",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        UseKestrel();
        StartServer();
        BaseUri = new Uri(
            Services.GetRequiredService<IServer>()
                .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public Uri BaseUri { get; }

    /// <summary>A plain client of the real port; cookies kept, redirects not followed.</summary>
    public HttpClient Client(System.Net.CookieContainer? cookies = null) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = false, CookieContainer = cookies ?? new System.Net.CookieContainer(), UseCookies = true,
        })
        {
            BaseAddress = BaseUri,
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_generatedJsonOnly)
        {
            builder.ConfigureServices(services => services.PostConfigure<HttpJsonOptions>(json =>
            {
                var chain = json.SerializerOptions.TypeInfoResolverChain;
                var reflections = chain.OfType<System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver>();
                foreach (var reflection in reflections.ToList())
                {
                    chain.Remove(reflection);
                }
            }));
        }
    }
}
