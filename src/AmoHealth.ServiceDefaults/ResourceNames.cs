namespace AmoHealth.ServiceDefaults;

/// <summary>
/// Names of the Aspire resources. Service discovery resolves <c>http://{name}</c>, so the AppHost, the
/// Gateway's proxy routes and the tests all use these constants.
/// </summary>
public static class ResourceNames
{
    public const string Redis = "redis";
    public const string Prober = "prober";
    public const string Migrator = "migrator";
    public const string Api = "api";
    public const string Gateway = "gateway";
    public const string Simulator = "simulator";
}
