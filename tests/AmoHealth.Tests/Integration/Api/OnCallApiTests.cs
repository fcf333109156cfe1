using System.Text;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>An Api on a file seeded with <see cref="OnCallSeed"/>, whose Prober is a <see cref="FakeProber"/> on
/// 127.0.0.1 and whose callers carry the internal secret; fresh for each test.</summary>
public abstract class OnCallApiTests : IAsyncLifetime
{
    protected const string Secret = "oncallsecret0123456789abcdef";
    protected readonly TempDatabase _database = new();
    protected FakeProber _prober = null!;
    private ApiHost _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await OnCallSeed.SeedAsync(await _database.MigrateAsync(), DateTimeOffset.UtcNow);
        _prober = await FakeProber.StartAsync();
        _api = new ApiHost(_database.Path, redis: null, settings: new()
        {
            ["services:prober:http:0"] = _prober.BaseUri.ToString().TrimEnd('/'),
            ["Internal:ProxySecret"] = Secret,
        });
        _client = _api.CreateClient();
        _client.DefaultRequestHeaders.Add("X-AmoHealth-Internal", Secret);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _prober.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>A request as the Gateway passes it on: user "anna k" (URL-escaped), the role when given, the
    /// source header when given.</summary>
    protected Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string body, string? role, string? source = null) =>
        SendAsync(_client, method, path, body, role, source);

    protected static Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, string body, string? role, string? source = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("X-AmoHealth-User", "anna%20k");
        if (role is not null)
        {
            request.Headers.Add("X-AmoHealth-Role", role);
        }

        if (source is not null)
        {
            request.Headers.Add("X-AmoHealth-Source", source);
        }

        return client.SendAsync(request);
    }
}
