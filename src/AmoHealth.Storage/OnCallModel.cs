using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>The on-call tables: incident timelines, silences and planned maintenance.</summary>
internal static class OnCallModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IncidentEventRecord>(e =>
        {
            e.ToTable("incident_events");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Actor).HasColumnName("actor");
            e.Property(x => x.Text).HasColumnName("text");
            e.Property(x => x.Public).HasColumnName("public").HasDefaultValue(false);
            e.HasOne<IncidentRecord>().WithMany().HasForeignKey(x => x.IncidentId);
            e.HasIndex(x => new { x.IncidentId, x.Id }).HasDatabaseName("ix_incident_events_incident");
        });

        modelBuilder.Entity<SilenceRecord>(e =>
        {
            e.ToTable("silences");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.CheckType).HasColumnName("check_type");
            e.Property(x => x.StartsAt).HasColumnName("starts_at");
            e.Property(x => x.EndsAt).HasColumnName("ends_at");
            e.Property(x => x.Reason).HasColumnName("reason");
            e.Property(x => x.CreatedBy).HasColumnName("created_by");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.EndedAt).HasColumnName("ended_at");
            e.Property(x => x.EndedBy).HasColumnName("ended_by");
            e.Property(x => x.EndOnRecovery).HasColumnName("end_on_recovery").HasDefaultValue(false);
            e.HasIndex(x => x.EndsAt).HasDatabaseName("ix_silences_ends");
        });

        modelBuilder.Entity<MaintenanceRecord>(e =>
        {
            e.ToTable("maintenance_windows");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Account).HasColumnName("account");
            e.Property(x => x.StartsAt).HasColumnName("starts_at");
            e.Property(x => x.EndsAt).HasColumnName("ends_at");
            e.Property(x => x.Weekday).HasColumnName("weekday");
            e.Property(x => x.StartTime).HasColumnName("start_time");
            e.Property(x => x.DurationMinutes).HasColumnName("duration_minutes");
            e.Property(x => x.TimeZone).HasColumnName("time_zone");
            e.Property(x => x.Reason).HasColumnName("reason");
            e.Property(x => x.CreatedBy).HasColumnName("created_by");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.DeletedAt).HasColumnName("deleted_at");
            e.Ignore(x => x.IsWeekly);
        });
    }
}
