using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>Publishing status pages on a real PostgreSQL server.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class StatusPagePublishPostgresTests() : StatusPagePublishCommandTests(new TempPostgresDatabase());
