using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>
/// The shipped Nginx site in front of the webhook receiver: a busy account's deliveries pass, a flood does not, and
/// no Nginx log ever holds the secret (the error log quotes request lines).
/// </summary>
[Trait("Ring", "Integration")]
public sealed class HooksUnderNginxTests
{
    private const string Secret = "nginxhooksecret0123456789";

    [Fact]
    public async Task ABusyAccountsBurstAndLargeDeliveriesPassAndAFloodIsRefused()
    {
        await using var gateway = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await context.Response.WriteAsync("ok");
        });
        using var nginx = new NginxSite(gateway.BaseUri);
        using var http = Client();
        var url = Receiver(nginx);

        using var large = await http.PostAsync(url, new FormUrlEncodedContent(AmoForms.Update(25, customFields: 130)));
        var burst = await PostManyAsync(http, url, 400);
        var flood = await PostManyAsync(http, url, 1_500);

        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.All(burst, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(HttpStatusCode.TooManyRequests, flood);
        Assert.DoesNotContain(Secret, nginx.AllLogs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoNginxLogHoldsTheSecretWhenTheReceiverCannotBeReached()
    {
        using var nginx = new NginxSite(new Uri($"http://127.0.0.1:{RedisServer.FreePort()}/"));
        using var http = Client();

        using var answer = await http.PostAsync(Receiver(nginx),
            new FormUrlEncodedContent([new("leads[update][0][id]", "1")]));

        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        Assert.Contains("/hooks/amocrm/{secret}", nginx.AllLogs, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, nginx.AllLogs, StringComparison.Ordinal);
    }

    private static Uri Receiver(NginxSite nginx) =>
        new($"https://127.0.0.1:{nginx.HttpsPort}/hooks/amocrm/{Secret}?account=main");

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 50,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<HttpStatusCode[]> PostManyAsync(HttpClient http, Uri url, int count)
    {
        using var gate = new SemaphoreSlim(50);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var answer = await http.PostAsync(url,
                    new FormUrlEncodedContent([new("leads[update][0][id]", "1")]));
                return answer.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
