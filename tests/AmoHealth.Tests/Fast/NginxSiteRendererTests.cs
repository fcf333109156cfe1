using System.Text.RegularExpressions;
using AmoHealth.Hosting;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Fast;

/// <summary>The committed site template, rendered as install.sh, the tests and the smoke test render it.</summary>
[Trait("Ring", "Fast")]
public sealed partial class NginxSiteRendererTests
{
    private static readonly NginxSiteValues Values = new()
    {
        ServerName = "monitor.example.com",
        GatewayPort = 3001,
        Certificate = "/etc/amohealth/tls/site.crt",
        CertificateKey = "/etc/amohealth/tls/site.key",
        Snippets = "/etc/nginx/snippets/amohealth",
        AcmeRoot = "/var/www/letsencrypt",
        AccessLog = "/var/log/nginx/amohealth.access.log",
        HooksErrorLog = "/var/log/nginx/amohealth.hooks-error.log",
        ProxySecret = "proxy-secret-0123456789abcdef",
    };

    [Fact]
    public void TheLiveStreamIsProxiedUnbufferedOnKeptAliveConnectionsForLong()
    {
        var site = NginxSiteRenderer.Render(Template(), Values);

        var stream = StreamLocation().Match(site);
        Assert.True(stream.Success, "the site has no location for /api/stream");
        Assert.Contains("proxy_buffering off;", stream.Value, StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 1h;", stream.Value, StringComparison.Ordinal);
        // Server-wide, so the stream's location inherits them: HTTP/1.1 without "Connection: close".
        Assert.Contains("proxy_http_version 1.1;", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection \"\";", site, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPlaceholderIsFilled()
    {
        var site = NginxSiteRenderer.Render(Template(), Values);

        Assert.DoesNotMatch("@[A-Z_]+@", site);
        Assert.Contains("server 127.0.0.1:3001;", site, StringComparison.Ordinal);
        Assert.Contains("listen 443 ssl http2;", site, StringComparison.Ordinal);
        Assert.Contains("return 301 https://$host$request_uri;", site, StringComparison.Ordinal);
        Assert.Contains("X-AmoHealth-Proxy-Secret \"proxy-secret-0123456789abcdef\"", site, StringComparison.Ordinal);
    }

    [Fact]
    public void APortOtherThan443IsNamedInTheRedirectAndALoopbackListenKeepsItsPort()
    {
        var site = NginxSiteRenderer.Render(
            Template(), Values with { ListenHost = "127.0.0.1", HttpPort = 8080, HttpsPort = 8443 });

        Assert.Contains("listen 127.0.0.1:8443 ssl http2;", site, StringComparison.Ordinal);
        Assert.Contains("listen 127.0.0.1:8080;", site, StringComparison.Ordinal);
        Assert.Contains("return 301 https://$host:8443$request_uri;", site, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyStatusPagesAreCachedAndTheirLocationKeepsEveryHeaderTheServerSets()
    {
        var site = NginxSiteRenderer.Render(Template(), Values);

        var status = StatusLocation().Match(site);
        Assert.True(status.Success, "the site has no location for /status/");
        Assert.Single(CacheUse().Matches(site));
        Assert.Contains("proxy_cache_path /var/cache/nginx/amohealth ", site, StringComparison.Ordinal);
        // A location's own proxy_set_header replaces the server's list: it must repeat every one of them.
        var server = site[site.IndexOf("listen 443", StringComparison.Ordinal)..];
        foreach (var line in ServerHeader().Matches(server[..server.IndexOf("location", StringComparison.Ordinal)]))
        {
            Assert.Contains(line.ToString()!.Trim(), status.Value, StringComparison.Ordinal);
        }

        Assert.Contains("proxy_set_header Cookie \"\";", status.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void APlaceholderWithoutAValueIsRefusedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => NginxSiteRenderer.Render(Template() + "\n# @NEW_SETTING@\n", Values));

        Assert.Contains("@NEW_SETTING@", error.Message, StringComparison.Ordinal);
    }

    private static string Template() => File.ReadAllText(
        Path.Combine(BrowserFixture.RepositoryRoot(), "deploy", "nginx", NginxSiteRenderer.TemplateName));

    [GeneratedRegex(@"location = /api/stream \{[^}]*\}")]
    private static partial Regex StreamLocation();

    [GeneratedRegex(@"location /status/ \{[^}]*\}")]
    private static partial Regex StatusLocation();

    [GeneratedRegex(@"^\s*proxy_cache amohealth_status;", RegexOptions.Multiline)]
    private static partial Regex CacheUse();

    [GeneratedRegex(@"^\s*proxy_set_header [^\n]+;", RegexOptions.Multiline)]
    private static partial Regex ServerHeader();
}
