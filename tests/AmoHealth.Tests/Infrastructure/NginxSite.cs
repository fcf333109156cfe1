using System.Diagnostics;
using System.Net.Sockets;
using AmoHealth.Tests.E2E.Browser;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A real Nginx serving the shipped site (<c>deploy/nginx/amohealth.conf.template</c> with its security-headers
/// snippet), rendered the way install.sh renders it, with a self-signed certificate for <c>localhost</c>, in
/// front of a Gateway on a loopback port. Fails loudly when Nginx is not installed (.ci/run installs it).
/// </summary>
public sealed class NginxSite : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "amohealth-tests", "nginx-" + Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    public NginxSite(Uri gateway, string proxySecret = "nginx-site-test-proxy-secret-0123456789")
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx); .ci/run installs it.");
        var repo = BrowserFixture.RepositoryRoot();
        Directory.CreateDirectory(Path.Combine(_dir, "logs"));
        Directory.CreateDirectory(Path.Combine(_dir, "tmp"));
        Directory.CreateDirectory(Path.Combine(_dir, "snippets"));
        File.Copy(Path.Combine(repo, "deploy", "nginx", "security-headers.conf"), Path.Combine(_dir, "snippets", "security-headers.conf"));
        var (cert, key) = WriteCertificate(_dir);
        HttpsPort = RedisServer.FreePort();
        var httpPort = RedisServer.FreePort();

        var site = File.ReadAllText(Path.Combine(repo, "deploy", "nginx", "amohealth.conf.template"));
        foreach (var (token, value) in new Dictionary<string, string>
        {
            ["@SERVER_NAME@"] = "localhost", ["@GATEWAY_PORT@"] = gateway.Port.ToString(), ["@LISTEN_HOST@"] = "127.0.0.1:",
            ["@HTTP_PORT@"] = httpPort.ToString(), ["@HTTPS_PORT@"] = HttpsPort.ToString(), ["@HTTPS_SUFFIX@"] = $":{HttpsPort}",
            ["@CERT@"] = cert, ["@CERT_KEY@"] = key, ["@SNIPPETS@"] = Path.Combine(_dir, "snippets"), ["@ACME_ROOT@"] = _dir,
            ["@ACCESS_LOG@"] = Path.Combine(_dir, "logs", "access.log"), ["@HOOKS_ERROR_LOG@"] = Path.Combine(_dir, "logs", "hooks-error.log"),
            ["@PROXY_HEADER@"] = "X-Forwarded-User",
            ["@PROXY_SECRET@"] = proxySecret,
        })
        {
            site = site.Replace(token, value, StringComparison.Ordinal);
        }

        if (System.Text.RegularExpressions.Regex.Match(site, "@[A-Z_]+@") is { Success: true } left)
        {
            throw new InvalidOperationException($"The site template gained a placeholder this fixture does not render: {left.Value}");
        }

        File.WriteAllText(Path.Combine(_dir, "amohealth.conf"), site);
        var tmp = Path.Combine(_dir, "tmp");
        File.WriteAllText(Path.Combine(_dir, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/logs/error.log warn;
            events { worker_connections 256; }
            http {
              access_log {{_dir}}/logs/access-default.log;
              client_body_temp_path {{tmp}}/body;
              proxy_temp_path {{tmp}}/proxy;
              fastcgi_temp_path {{tmp}}/fastcgi;
              uwsgi_temp_path {{tmp}}/uwsgi;
              scgi_temp_path {{tmp}}/scgi;
              types { text/html html; application/javascript js; text/css css; image/png png; }
              include {{_dir}}/amohealth.conf;
            }
            """);
        _process = Process.Start(new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", _dir, "-c", Path.Combine(_dir, "nginx.conf"), "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start");
        WaitForPort(HttpsPort);
    }

    public int HttpsPort { get; }

    /// <summary>The public address, as a browser reaches it (the certificate names <c>localhost</c>).</summary>
    public Uri BaseUri => new($"https://localhost:{HttpsPort}/");

    public string ErrorLog => File.Exists(Path.Combine(_dir, "logs", "error.log")) ? File.ReadAllText(Path.Combine(_dir, "logs", "error.log")) : "";

    /// <summary>Every log Nginx wrote (access and error logs of the site and of the server), one after the other.</summary>
    public string AllLogs => string.Concat(Directory.GetFiles(Path.Combine(_dir, "logs")).Order().Select(File.ReadAllText));

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
                throw new InvalidOperationException($"nginx exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()} {ErrorLog}");
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
