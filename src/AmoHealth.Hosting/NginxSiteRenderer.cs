using System.Text.RegularExpressions;

namespace AmoHealth.Hosting;

/// <summary>
/// The one renderer of <c>deploy/nginx/amohealth.conf.template</c>: install.sh renders the production site
/// with it, and the tests and the smoke test run a private Nginx on the same text.
/// </summary>
public static partial class NginxSiteRenderer
{
    public const string TemplateName = "amohealth.conf.template";

    public const string SecurityHeadersName = "security-headers.conf";

    /// <summary>
    /// The site for <paramref name="values"/>; fails naming any placeholder left over, so a template that gains
    /// one cannot ship half rendered.
    /// </summary>
    public static string Render(string template, NginxSiteValues values)
    {
        var placeholders = values.Placeholders();
        if (Placeholder().Matches(template).FirstOrDefault(m => !placeholders.ContainsKey(m.Groups[1].Value))
            is { } left)
        {
            throw new InvalidOperationException(
                $"The Nginx site template has a placeholder with no value: {left.Value}");
        }

        return Placeholder().Replace(template, match => placeholders[match.Groups[1].Value]);
    }

    public static string WritePrivateServer(string prefix, string siteFile)
    {
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "tmp"));
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, PrivateServer(prefix, siteFile));
        return config;
    }

    /// <summary>
    /// A whole <c>nginx.conf</c> for a private, unprivileged Nginx under <paramref name="prefix"/> (pid, logs and
    /// temporary files there) that serves <paramref name="siteFile"/>: the tests and the smoke test run one.
    /// </summary>
    public static string PrivateServer(string prefix, string siteFile) => $$"""
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/logs/error.log warn;
        events { worker_connections 256; }
        http {
          access_log {{prefix}}/logs/access-default.log;
          client_body_temp_path {{prefix}}/tmp/body;
          proxy_temp_path {{prefix}}/tmp/proxy;
          fastcgi_temp_path {{prefix}}/tmp/fastcgi;
          uwsgi_temp_path {{prefix}}/tmp/uwsgi;
          scgi_temp_path {{prefix}}/tmp/scgi;
          types { text/html html; application/javascript js; text/css css; image/png png; }
          include {{siteFile}};
        }

        """;

    [GeneratedRegex("@([A-Z_]+)@")]
    private static partial Regex Placeholder();
}
