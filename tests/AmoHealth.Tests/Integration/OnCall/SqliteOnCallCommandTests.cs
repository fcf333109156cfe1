using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>The on-call commands on a SQLite file.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class SqliteOnCallCommandTests() : OnCallCommandTests(new TempDatabase());
