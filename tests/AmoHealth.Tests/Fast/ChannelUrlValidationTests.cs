using AmoHealth.Prober.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>An alert channel or heartbeat URL that is not http(s) stops the Prober at start, naming the key.</summary>
[Trait("Ring", "Fast")]
public sealed class ChannelUrlValidationTests
{
    [Theory]
    [InlineData("MATTERMOST_WEBHOOK_URL", "ftp://mm.example/hooks/abc")]
    [InlineData("Notifications:Mattermost:Url", "file:///etc/passwd")]
    [InlineData("Notifications:Webhook:Url", "ftp://alerts.example/in")]
    [InlineData("Notifications:Webhook:Url", "alerts.example/in")]
    [InlineData("Monitor:HeartbeatUrl", "gopher://ping.example/1")]
    [InlineData("Notifications:Telegram:ApiBaseUrl", "file:///tmp/telegram")]
    public void AChannelUrlThatIsNotHttpStopsTheProberAtStartNamingTheKey(string key, string value)
    {
        using var host = Build((key, value));

        // One bad key can fail several options that read it: the host then throws them together.
        var error = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        var failures = error is AggregateException all ? all.InnerExceptions : [error];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        Assert.Contains(key, error.Message);
        Assert.DoesNotContain(value, error.ToString());
    }

    [Fact]
    public void HttpAndHttpsChannelUrlsAndAbsentOnesStart()
    {
        using var host = Build(
            ("MATTERMOST_WEBHOOK_URL", "https://mm.example/hooks/abc"),
            ("Notifications:Webhook:Url", "http://127.0.0.1:9/in"),
            ("Monitor:HeartbeatUrl", "https://ping.example/1"),
            ("Notifications:Telegram:ChatId", "@alerts"));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AMOCRM_DOMAIN"] = "http://127.0.0.1:9",
            ["AMOCRM_ACCESS_TOKEN"] = "token",
            ["Storage:Path"] = Path.Combine(Path.GetTempPath(), "amohealth-tests", "never-opened.db"),
        });
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddProberServices();
        return builder.Build();
    }
}
