using AmoHealth.Hosting;

namespace AmoHealth.AppHost.Postgres;

/// <summary>
/// PostgreSQL as a local server process (see <see cref="LocalPostgres"/>), for hosts without a container
/// engine. Its connection string names the AmoHealth database; the Prober creates it on first start. The Api
/// connects as <see cref="LocalPostgres.ReadRole"/>, created once the server accepts sessions.
/// </summary>
public sealed class PostgresServerResource(string name, string command, string workingDirectory, string database)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    public string Database { get; } = database;

    /// <summary>The Api's connection string: the same database as <see cref="LocalPostgres.ReadRole"/> (SELECT only).
    /// </summary>
    public ReferenceExpression ReadConnectionStringExpression => ConnectionAs(LocalPostgres.ReadRole);

    public ReferenceExpression ConnectionStringExpression => ConnectionAs(LocalPostgres.SuperUser);

    private ReferenceExpression ConnectionAs(string user)
    {
        var host = PrimaryEndpoint.Property(EndpointProperty.Host);
        var port = PrimaryEndpoint.Property(EndpointProperty.Port);
        return ReferenceExpression.Create($"Host={host};Port={port};Username={user};Database={Database}");
    }
}
