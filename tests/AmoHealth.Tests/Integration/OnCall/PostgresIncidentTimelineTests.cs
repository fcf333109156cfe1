using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>The tracker's timeline on a real PostgreSQL server.</summary>
[Trait("Ring", "Integration")]
public sealed class PostgresIncidentTimelineTests() : IncidentTimelineTests(new TempPostgresDatabase());
