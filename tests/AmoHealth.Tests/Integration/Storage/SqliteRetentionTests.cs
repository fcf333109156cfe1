using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Storage;

[Trait("Ring", "Integration")]
public sealed class SqliteRetentionTests() : RetentionTests(new TempDatabase());
