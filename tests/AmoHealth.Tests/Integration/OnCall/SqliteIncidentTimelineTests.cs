using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>The tracker's timeline on a SQLite file.</summary>
[Trait("Ring", "Integration")]
public sealed class SqliteIncidentTimelineTests() : IncidentTimelineTests(new TempDatabase());
