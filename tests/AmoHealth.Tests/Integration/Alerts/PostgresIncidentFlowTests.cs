using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The incident flow on a real PostgreSQL server.</summary>
[Trait("Ring", "Integration")]
public sealed class PostgresIncidentFlowTests() : IncidentFlowTests(new TempPostgresDatabase());
