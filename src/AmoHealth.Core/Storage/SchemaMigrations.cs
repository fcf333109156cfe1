namespace AmoHealth.Core.Storage;

/// <summary>The migration ids each provider's database holds in <c>__EFMigrationsHistory</c> once the Prober has
/// applied every migration: what a reader without EF Core (the Api) waits for. A migration added to either provider's
/// migrations is added here too (a test compares these lists with EF's own).</summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        "20261128032454_InitialSchema",
        "20261128035934_CompactResultsAndRollups",
        "20261202161222_Leases",
        "20261206122426_OAuthTokens",
        "20261206131000_OutboxClaims",
        "20261206213319_FailureKinds",
        "20261207003057_OnCall",
        "20261207033551_Promises",
    ];

    public static IReadOnlyList<string> Postgres { get; } =
    [
        "20261202160009_InitialSchema",
        "20261202161240_Leases",
        "20261206122433_OAuthTokens",
        "20261206131000_OutboxClaims",
        "20261206213320_FailureKinds",
        "20261207003116_OnCall",
        "20261207033555_Promises",
    ];

    public static IReadOnlyList<string> For(StorageProvider provider) =>
        provider == StorageProvider.Postgres ? Postgres : Sqlite;
}
