using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>The seed's tables with their names and columns kept, so existing <c>sqlite3</c> queries still work. The
/// same model on SQLite and PostgreSQL; the two differences (how <c>created_at</c> is derived, the seed's
/// <c>DATETIME</c> type name) are chosen by provider below.</summary>
public sealed class AmoHealthDbContext(DbContextOptions<AmoHealthDbContext> options) : DbContext(options)
{
    public DbSet<HealthCheckRecord> HealthChecks => Set<HealthCheckRecord>();

    public DbSet<CheckStatusRecord> CheckStatuses => Set<CheckStatusRecord>();

    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<ProbeStateRecord> ProbeStates => Set<ProbeStateRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<LeaseRecord> Leases => Set<LeaseRecord>();

    public DbSet<OAuthTokenRecord> OAuthTokens => Set<OAuthTokenRecord>();

    public DbSet<MinuteRollup> MinuteRollups => Set<MinuteRollup>();

    public DbSet<HourRollup> HourRollups => Set<HourRollup>();

    public DbSet<DayRollup> DayRollups => Set<DayRollup>();

    public DbSet<IncidentEventRecord> IncidentEvents => Set<IncidentEventRecord>();

    public DbSet<SilenceRecord> Silences => Set<SilenceRecord>();

    public DbSet<MaintenanceRecord> MaintenanceWindows => Set<MaintenanceRecord>();

    public DbSet<StatusPageRecord> StatusPages => Set<StatusPageRecord>();

    public DbSet<BurnAlertRecord> BurnAlerts => Set<BurnAlertRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var outcome = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Outcome, string>(
            value => value.ToName(), name => OutcomeNames.Parse(name));
        var state = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<CheckState, string>(
            value => value.ToName(), name => CheckStateNames.Parse(name));
        var kind = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<FailureKind, string>(
            value => value.ToName(), name => FailureKindNames.Parse(name, FailureKind.None));
        var postgres = Database.IsNpgsql();

        modelBuilder.Entity<HealthCheckRecord>(e =>
        {
            e.ToTable("health_checks");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Timestamp).HasColumnName("timestamp");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.ResponseTime).HasColumnName("response_time");
            e.Property(x => x.ErrorMessage).HasColumnName("error_message");
            // The seed's created_at, derived instead of stored: it costs no bytes per row.
            if (postgres)
            {
                // PostgreSQL has only stored generated columns, and text formatting is not immutable: a
                // timestamptz (8 bytes per row) that nothing in the app reads, kept for hand-written queries.
                e.Ignore(x => x.CreatedAt);
                e.Property<DateTime?>("created_at").HasColumnName("created_at")
                    .HasComputedColumnSql("to_timestamp(\"timestamp\" / 1000.0)", stored: true);
            }
            else
            {
                e.Property(x => x.CreatedAt).HasColumnName("created_at").HasColumnType("DATETIME")
                    .HasComputedColumnSql("datetime(\"timestamp\" / 1000, 'unixepoch')", stored: false);
            }

            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.Outcome).HasColumnName("outcome").HasConversion(outcome);
            e.Property(x => x.HttpStatus).HasColumnName("http_status");
            e.Property(x => x.DnsMs).HasColumnName("dns_ms");
            e.Property(x => x.ConnectMs).HasColumnName("connect_ms");
            e.Property(x => x.TlsMs).HasColumnName("tls_ms");
            e.Property(x => x.TtfbMs).HasColumnName("ttfb_ms");
            e.Property(x => x.StoredKind).HasColumnName("failure_kind").HasConversion(kind);
            e.Property(x => x.InMaintenance).HasColumnName("maintenance");
            // No secondary index: ids are in write order and the rollups hold each bucket's id range, so
            // raw rows are found by rowid range. An index on time would add 15 bytes to every row.
        });

        Rollup<MinuteRollup>(modelBuilder, "rollup_minute");
        Rollup<HourRollup>(modelBuilder, "rollup_hour");
        Rollup<DayRollup>(modelBuilder, "rollup_day");

        modelBuilder.Entity<CheckStatusRecord>(e =>
        {
            e.ToTable("check_status");
            e.HasKey(x => new { x.Account, x.CheckType });
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Outcome).HasColumnName("outcome").HasConversion(outcome);
            e.Property(x => x.ResponseTime).HasColumnName("response_time");
            e.Property(x => x.LastCheck).HasColumnName("last_check");
            e.Property(x => x.ErrorMessage).HasColumnName("error_message");
            e.Property(x => x.HttpStatus).HasColumnName("http_status");
            e.Property(x => x.State).HasColumnName("state").HasDefaultValue(CheckState.Up).HasConversion(state);
            e.Property(x => x.Streak).HasColumnName("streak");
            e.Property(x => x.FailingSince).HasColumnName("failing_since");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.StoredKind).HasColumnName("failure_kind").HasConversion(kind);
        });

        modelBuilder.Entity<NotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Channel).HasColumnName("channel").HasDefaultValue("mattermost");
            e.Property(x => x.Text).HasColumnName("text");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(x => x.DeliveredAt).HasColumnName("delivered_at");
            e.Property(x => x.LastError).HasColumnName("last_error");
            e.Property(x => x.ClaimedFence).HasColumnName("claimed_fence");
            e.Property(x => x.ClaimedAt).HasColumnName("claimed_at");
            e.HasOne(x => x.Incident).WithMany().HasForeignKey(x => x.IncidentId);
            // The dispatcher's only query: what is still to send, oldest first.
            e.HasIndex(x => new { x.DeliveredAt, x.Id }).HasDatabaseName("ix_notifications_pending");
        });

        modelBuilder.Entity<ProbeStateRecord>(e =>
        {
            e.ToTable("probe_state");
            e.HasKey(x => new { x.Account, x.Key });
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.Value).HasColumnName("value");
        });

        modelBuilder.Entity<LeaseRecord>(e =>
        {
            e.ToTable("leases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.Holder).HasColumnName("holder");
            e.Property(x => x.Fence).HasColumnName("fence");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.Accounts).HasColumnName("accounts");
        });

        modelBuilder.Entity<OAuthTokenRecord>(e =>
        {
            e.ToTable("oauth_tokens");
            e.HasKey(x => x.Account);
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.AccessToken).HasColumnName("access_token");
            e.Property(x => x.RefreshToken).HasColumnName("refresh_token");
            e.Property(x => x.RefreshTokenHash).HasColumnName("refresh_token_hash");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("incidents");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.StartTime).HasColumnName("start_time");
            e.Property(x => x.EndTime).HasColumnName("end_time");
            e.Property(x => x.Duration).HasColumnName("duration");
            e.Property(x => x.Details).HasColumnName("details");
            var createdAt = e.Property(x => x.CreatedAt).HasColumnName("created_at");
            if (!postgres)
            {
                createdAt.HasColumnType("DATETIME");
            }

            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.Kind).HasColumnName("kind").HasConversion(outcome);
            e.Property(x => x.AcknowledgedBy).HasColumnName("acknowledged_by");
            e.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at");
            e.Property(x => x.EscalationStep).HasColumnName("escalation_step").HasDefaultValue(0);
            e.Property(x => x.EscalatedAt).HasColumnName("escalated_at");
            // At most one open incident per account and check, enforced by the database.
            e.HasIndex(x => new { x.Account, x.CheckType })
                .IsUnique()
                .HasFilter("end_time IS NULL")
                .HasDatabaseName("ux_incidents_open");
            e.HasIndex(x => x.StartTime).HasDatabaseName("ix_incidents_start");
        });

        OnCallModel.Configure(modelBuilder);
        PromiseModel.Configure(modelBuilder);
    }

    private static void Rollup<T>(ModelBuilder modelBuilder, string table)
        where T : RollupRecord
    {
        modelBuilder.Entity<T>(e =>
        {
            e.ToTable(table);
            e.HasKey(x => new { x.Account, x.CheckType, x.Bucket });
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.Bucket).HasColumnName("bucket");
            e.Property(x => x.Count).HasColumnName("count");
            e.Property(x => x.UpCount).HasColumnName("up_count");
            e.Property(x => x.TimedCount).HasColumnName("timed_count");
            e.Property(x => x.SumMs).HasColumnName("sum_ms");
            e.Property(x => x.MinMs).HasColumnName("min_ms");
            e.Property(x => x.MaxMs).HasColumnName("max_ms");
            e.Property(x => x.FirstId).HasColumnName("first_id");
            e.Property(x => x.LastId).HasColumnName("last_id");
            e.Property(x => x.Histogram).HasColumnName("histogram");
            e.Property(x => x.GoodMinutes).HasColumnName("good_minutes").HasDefaultValue(0);
            e.Property(x => x.BadMinutes).HasColumnName("bad_minutes").HasDefaultValue(0);
            e.Property(x => x.ExcludedMinutes).HasColumnName("excluded_minutes").HasDefaultValue(0);
            e.Property(x => x.MaintenanceMinutes).HasColumnName("maintenance_minutes").HasDefaultValue(0);
            e.Ignore(x => x.Class);
        });
    }
}
