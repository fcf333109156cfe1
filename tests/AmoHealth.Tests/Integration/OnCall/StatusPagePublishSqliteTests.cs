using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>Publishing status pages on a SQLite file.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class StatusPagePublishSqliteTests() : StatusPagePublishCommandTests(new TempDatabase());
