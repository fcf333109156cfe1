using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>The tables behind what the team promises: published status pages and error-budget burn alerts.</summary>
internal static class PromiseModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StatusPageRecord>(e =>
        {
            e.ToTable("status_pages");
            e.HasKey(x => x.Slug);
            e.Property(x => x.Slug).HasColumnName("slug");
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.Title).HasColumnName("title");
            e.Property(x => x.MinIncidentMinutes).HasColumnName("min_incident_minutes").HasDefaultValue(0);
            e.Property(x => x.Indexing).HasColumnName("indexing").HasDefaultValue(false);
            e.Property(x => x.CreatedBy).HasColumnName("created_by");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<BurnAlertRecord>(e =>
        {
            e.ToTable("slo_alerts");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.Rule).HasColumnName("rule");
            e.Property(x => x.Severity).HasColumnName("severity");
            e.Property(x => x.Target).HasColumnName("target");
            e.Property(x => x.LongBurn).HasColumnName("long_burn");
            e.Property(x => x.ShortBurn).HasColumnName("short_burn");
            e.Property(x => x.OpenedAt).HasColumnName("opened_at");
            e.Property(x => x.ClosedAt).HasColumnName("closed_at");
            e.Property(x => x.AcknowledgedBy).HasColumnName("acknowledged_by");
            e.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at");
            e.HasIndex(x => new { x.Account, x.CheckType, x.Rule })
                .IsUnique()
                .HasFilter("closed_at IS NULL")
                .HasDatabaseName("ux_slo_alerts_open");
            e.HasIndex(x => x.OpenedAt).HasDatabaseName("ix_slo_alerts_opened");
        });
    }
}
