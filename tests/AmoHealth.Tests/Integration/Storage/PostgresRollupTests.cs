using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>The rollup suite on a real PostgreSQL server.</summary>
[Trait("Ring", "Integration")]
public sealed class PostgresRollupTests() : RollupTests(new TempPostgresDatabase())
{
    private protected override string ResultIndexCountSql =>
        "SELECT count(*) AS \"Value\" FROM pg_indexes WHERE tablename = 'health_checks' AND indexname <> " +
            "'PK_health_checks'";
}
