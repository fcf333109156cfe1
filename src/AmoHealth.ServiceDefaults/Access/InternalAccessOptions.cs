namespace AmoHealth.ServiceDefaults.Access;

/// <summary>The secret the Gateway sends with every call to the Api and the Prober (section <c>Internal</c>, the same
/// value in all three). A backend with it configured answers only requests that carry it (except <c>/health</c> and
/// <c>/alive</c>); a backend that listens beyond loopback refuses to start without it.</summary>
public sealed class InternalAccessOptions
{
    public const string SectionName = "Internal";

    /// <summary>The header carrying <see cref="ProxySecret"/> from the Gateway to a backend.</summary>
    public const string HeaderName = "X-AmoHealth-Internal";

    public const int MinimumLength = 24;

    /// <summary><c>Internal:ProxySecret</c>: at least 24 characters (<c>openssl rand -hex 24</c>). Default: none, which
    /// is allowed only while the service listens on loopback.</summary>
    public string? ProxySecret { get; set; }
}
