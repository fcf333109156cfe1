using System.Collections.Concurrent;
using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Deploy;

/// <summary>
/// The shipped Nginx site caches public status pages, and nothing else: a crowd's second request is a hit whatever
/// its cookies or cache busters, a stopped backend still gets the cached page, and /api is never cached.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageCacheUnderNginxTests
{
    private const string Page = "<!doctype html><title>demo</title>";
    private readonly ConcurrentQueue<(string Url, string? Cookie)> _seen = new();

    [Fact]
    public async Task TheSecondRequestIsAHitWhateverItsCookieOrCacheBusterAndBrowsersKeepTheApisCaching()
    {
        await using var backend = await BackendAsync();
        using var nginx = new NginxSite(backend.BaseUri);
        using var http = Client();

        using var first = await GetAsync(http, nginx, "/status/demo", "amohealth=alice-session");
        using var second = await GetAsync(http, nginx, "/status/demo", "amohealth=bob-session");
        using var busted = await GetAsync(http, nginx, "/status/demo?_=1733540000", cookie: null);
        using var other = await GetAsync(http, nginx, "/status/demo?lang=en", cookie: null);

        Assert.Equal("MISS", CacheStatus(first));
        Assert.Equal("HIT", CacheStatus(second));
        Assert.Equal("HIT", CacheStatus(busted));
        Assert.Equal("MISS", CacheStatus(other));
        Assert.Equal(Page, await second.Content.ReadAsStringAsync());
        Assert.Equal((true, TimeSpan.FromSeconds(30)),
            (second.Headers.CacheControl?.Public, second.Headers.CacheControl?.MaxAge));
        Assert.Equal(["/status/demo", "/status/demo?lang=en"], _seen.Select(s => s.Url));
        Assert.All(_seen, s => Assert.Null(s.Cookie));
    }

    [Fact]
    public async Task AStoppedBackendStillGetsTheCachedPage()
    {
        var backend = await BackendAsync();
        using var nginx = new NginxSite(backend.BaseUri);
        using var http = Client();
        using var first = await GetAsync(http, nginx, "/status/demo", cookie: null);
        await backend.DisposeAsync();

        // Within 5 s the copy is fresh (HIT); once it expires Nginx serves it STALE (or UPDATING, while its
        // background update tries the stopped backend).
        var answers = new List<(HttpStatusCode Status, string? Cache, string Body)>();
        var expired = await Eventually.GetAsync(async () =>
        {
            using var answer = await GetAsync(http, nginx, "/status/demo", cookie: null);
            answers.Add((answer.StatusCode, CacheStatus(answer), await answer.Content.ReadAsStringAsync()));
            return answers[^1].Cache is "STALE" or "UPDATING" ? answers[^1].Cache : null;
        }, TimeSpan.FromSeconds(30), "Nginx to serve its expired copy while the backend is stopped");

        Assert.Equal("MISS", CacheStatus(first));
        Assert.NotNull(expired);
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, Page), (a.Status, a.Body)));
        Assert.Single(_seen);
    }

    [Fact]
    public async Task NothingOutsideStatusIsCachedEvenWhenTheBackendSaysItMayBe()
    {
        var backend = await BackendAsync();
        using var nginx = new NginxSite(backend.BaseUri);
        using var http = Client();

        using var first = await GetAsync(http, nginx, "/api/status", cookie: null);
        using var second = await GetAsync(http, nginx, "/api/status", cookie: null);
        using var page = await GetAsync(http, nginx, "/login.css", cookie: null);
        await backend.DisposeAsync();
        using var away = await GetAsync(http, nginx, "/api/status", cookie: null);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(CacheStatus(first));
        Assert.Null(CacheStatus(second));
        Assert.Equal(3, _seen.Count);
        Assert.Equal(HttpStatusCode.BadGateway, away.StatusCode);
    }

    private Task<LoopbackServer> BackendAsync() => LoopbackServer.StartAsync(async context =>
    {
        var cookie = context.Request.Headers.Cookie.ToString();
        _seen.Enqueue((context.Request.Path + context.Request.QueryString, cookie.Length > 0 ? cookie : null));
        // The Api's own caching, which a shared cache must not follow but a browser may.
        context.Response.Headers.CacheControl = "public, max-age=30, stale-while-revalidate=60";
        context.Response.Headers.ETag = "\"7-html\"";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page);
    });

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, NginxSite nginx, string path, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://127.0.0.1:{nginx.HttpsPort}{path}"));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return http.SendAsync(request);
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache-Status", out var values) ? values.Single() : null;

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        UseCookies = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
