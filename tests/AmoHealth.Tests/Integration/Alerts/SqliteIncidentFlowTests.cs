using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>The incident flow on a SQLite file.</summary>
[Trait("Ring", "Integration")]
public sealed class SqliteIncidentFlowTests() : IncidentFlowTests(new TempDatabase());
