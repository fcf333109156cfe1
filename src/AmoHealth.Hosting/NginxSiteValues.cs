using System.Globalization;

namespace AmoHealth.Hosting;

/// <summary>What the Nginx site template leaves open: the public name, ports, files and the proxy secret.</summary>
public sealed record NginxSiteValues
{
    public required string ServerName { get; init; }

    public required int GatewayPort { get; init; }

    /// <summary>The address both servers listen on; none listens on every address (production).</summary>
    public string? ListenHost { get; init; }

    public int HttpPort { get; init; } = 80;

    public int HttpsPort { get; init; } = 443;

    public required string Certificate { get; init; }

    public required string CertificateKey { get; init; }

    /// <summary>The folder holding <c>security-headers.conf</c>.</summary>
    public required string Snippets { get; init; }

    public required string AcmeRoot { get; init; }

    public required string AccessLog { get; init; }

    public required string HooksErrorLog { get; init; }

    /// <summary>The header the Gateway trusts for the user in Proxy mode (<c>Auth__ProxyHeader</c>).</summary>
    public string ProxyHeader { get; init; } = "X-Forwarded-User";

    public required string ProxySecret { get; init; }

    /// <summary>The folder of the status pages' cache (<c>proxy_cache_path</c>), writable by Nginx's workers.</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory;

    public const string DefaultCacheDirectory = "/var/cache/nginx/amohealth";

    public IReadOnlyDictionary<string, string> Placeholders() => new Dictionary<string, string>
    {
        ["SERVER_NAME"] = ServerName,
        ["GATEWAY_PORT"] = Number(GatewayPort),
        ["LISTEN_HOST"] = ListenHost is null ? string.Empty : ListenHost + ":",
        ["HTTP_PORT"] = Number(HttpPort),
        ["HTTPS_PORT"] = Number(HttpsPort),
        // Redirects name the port only when it is not the default one.
        ["HTTPS_SUFFIX"] = HttpsPort == 443 ? string.Empty : ":" + Number(HttpsPort),
        ["CERT"] = Certificate,
        ["CERT_KEY"] = CertificateKey,
        ["SNIPPETS"] = Snippets,
        ["ACME_ROOT"] = AcmeRoot,
        ["ACCESS_LOG"] = AccessLog,
        ["HOOKS_ERROR_LOG"] = HooksErrorLog,
        ["PROXY_HEADER"] = ProxyHeader,
        ["PROXY_SECRET"] = ProxySecret,
        ["CACHE_DIR"] = CacheDirectory,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
