using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>The on-call commands on a real PostgreSQL server.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class PostgresOnCallCommandTests() : OnCallCommandTests(new TempPostgresDatabase());
