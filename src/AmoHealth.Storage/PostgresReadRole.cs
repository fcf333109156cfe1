using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>Gives the Api's PostgreSQL role (<c>Storage:ReadRole</c>) SELECT and nothing else: on every table now, and,
/// through default privileges, on every table the Prober's later migrations create. Run by the migrate step
/// (AmoHealth.Migrator) after it migrates, so the order in which the role, the database and the schema appear does not
/// matter.</summary>
public static class PostgresReadRole
{
    public static async Task GrantAsync(AmoHealthDbContext db, string role, CancellationToken cancellationToken)
    {
        var exists = await db.Database
            .SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_roles WHERE rolname = {role}")
            .AnyAsync(cancellationToken);
        if (!exists)
        {
            throw new InvalidOperationException(
                $"Storage:ReadRole is '{role}', but the PostgreSQL server has no such role: create it " +
                    "(deploy/install.sh does) or remove the setting.");
        }

        // The Api never needs the OAuth pairs (encrypted, and it has no key): least privilege leaves them out.
        // The name is checked against ^[a-z_][a-z0-9_]*$ when the options are validated; quoted all the same.
#pragma warning disable EF1002 // An identifier cannot be a parameter.
        await db.Database.ExecuteSqlRawAsync(
            $"""
            GRANT USAGE ON SCHEMA public TO "{role}";
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}";
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "{role}";
            REVOKE SELECT ON oauth_tokens FROM "{role}";
            """,
            cancellationToken);
#pragma warning restore EF1002
    }
}
