using System.Diagnostics;
using System.Net.Sockets;
using AmoHealth.Hosting;
using AmoHealth.Tests.E2E.Browser;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A real Nginx serving the shipped site (<c>deploy/nginx/amohealth.conf.template</c> with its security-headers
/// snippet), rendered by <see cref="NginxSiteRenderer"/> as install.sh renders it, with a self-signed certificate
/// for <c>localhost</c>, in front of a Gateway on a loopback port. Fails loudly when Nginx is not installed.
/// </summary>
public sealed class NginxSite : IDisposable
{
    private readonly string _dir =
        Path.Combine(Path.GetTempPath(), "amohealth-tests", "nginx-" + Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    public NginxSite(Uri gateway, string proxySecret = "nginx-site-test-proxy-secret-0123456789")
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "nginx is not installed (apt-get install nginx); .ci/run installs it.");
        var deploy = Path.Combine(BrowserFixture.RepositoryRoot(), "deploy", "nginx");
        var snippets = Directory.CreateDirectory(Path.Combine(_dir, "snippets")).FullName;
        File.Copy(
            Path.Combine(deploy, NginxSiteRenderer.SecurityHeadersName),
            Path.Combine(snippets, NginxSiteRenderer.SecurityHeadersName));
        var (cert, key) = WriteCertificate(_dir);
        HttpsPort = LocalPrograms.FreePort();
        var site = NginxSiteRenderer.Render(
            File.ReadAllText(Path.Combine(deploy, NginxSiteRenderer.TemplateName)),
            Values(gateway.Port, LocalPrograms.FreePort(), HttpsPort, (cert, key), proxySecret));
        var siteFile = Path.Combine(_dir, "amohealth.conf");
        File.WriteAllText(siteFile, site);
        var config = NginxSiteRenderer.WritePrivateServer(_dir, siteFile);
        _process = Process.Start(new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", _dir, "-c", config, "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start");
        WaitForPort(HttpsPort);
    }

    public int HttpsPort { get; }

    /// <summary>The public address, as a browser reaches it (the certificate names <c>localhost</c>).</summary>
    public Uri BaseUri => new($"https://localhost:{HttpsPort}/");

    public string ErrorLog => File.Exists(Path.Combine(_dir, "logs", "error.log"))
        ? File.ReadAllText(Path.Combine(_dir, "logs", "error.log"))
        : "";

    /// <summary>Every log Nginx wrote (access and error logs of the site and of the server), one after another.
    /// </summary>
    public string AllLogs =>
        string.Concat(Directory.GetFiles(Path.Combine(_dir, "logs")).Order().Select(File.ReadAllText));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing its log; the temp folder is cleaned with the others.
        }
    }

    private void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"nginx exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()} {ErrorLog}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The values the tests render the site with: loopback ports, files in this site's folder.</summary>
    private NginxSiteValues Values(
        int gatewayPort, int httpPort, int httpsPort, (string Cert, string Key) tls, string proxySecret) => new()
    {
        ServerName = "localhost",
        GatewayPort = gatewayPort,
        ListenHost = "127.0.0.1",
        HttpPort = httpPort,
        HttpsPort = httpsPort,
        Certificate = tls.Cert,
        CertificateKey = tls.Key,
        Snippets = Path.Combine(_dir, "snippets"),
        AcmeRoot = _dir,
        AccessLog = Path.Combine(_dir, "logs", "access.log"),
        HooksErrorLog = Path.Combine(_dir, "logs", "hooks-error.log"),
        ProxyHeader = "X-Forwarded-User",
        ProxySecret = proxySecret,
        CacheDirectory = Path.Combine(_dir, "cache"),
    };

    private static (string Cert, string Key) WriteCertificate(string dir)
    {
        var (certificate, key) = TestCertificates.Create("localhost");
        var certPath = Path.Combine(dir, "site.crt");
        var keyPath = Path.Combine(dir, "site.key");
        File.WriteAllText(certPath, certificate);
        File.WriteAllText(keyPath, key);
        return (certPath, keyPath);
    }
}
