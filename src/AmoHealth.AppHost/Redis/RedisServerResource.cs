namespace AmoHealth.AppHost.Redis;

/// <summary>
/// Redis as a local <c>redis-server</c> process, for machines without a container engine. Pub/sub only
/// carries live updates, so it runs without persistence. It requires a password (generated, as Aspire's Redis
/// container does), which the services get in their connection string.
/// </summary>
public sealed class RedisServerResource(
    string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    public ParameterResource PasswordParameter => password;

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var host = PrimaryEndpoint.Property(EndpointProperty.Host);
            var port = PrimaryEndpoint.Property(EndpointProperty.Port);
            return ReferenceExpression.Create($"{host}:{port},password={PasswordParameter}");
        }
    }
}
