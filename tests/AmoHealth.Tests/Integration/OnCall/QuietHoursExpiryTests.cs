using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>Silences and planned windows end by the clock, with no one ending them: quiet up to the last moment,
/// loud from the end on.</summary>
[Trait("Ring", "Integration")]
public sealed class QuietHoursExpiryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-08T09:00:00Z");
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Noon);
    private StoreConnections _connections = null!;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _connections = new StoreConnections(_database.Options);
    }

    public async Task DisposeAsync()
    {
        await _connections.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ASilenceIsQuietUntilItsEndAndLoudFromIt()
    {
        await using (var db = await _database.CreateFactory().CreateDbContextAsync())
        {
            db.Silences.Add(new SilenceRecord
            {
                Account = "acme", CheckType = "api_get", StartsAt = Noon.ToUnixTimeMilliseconds(),
                EndsAt = Noon.AddMinutes(30).ToUnixTimeMilliseconds(), Reason = "amoCRM works on it",
                CreatedBy = "anna", CreatedAt = Noon.ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var quiet = Quietness();

        var otherCheck = await AskAsync(quiet, "api_post", Noon.AddMinutes(10));
        var before = await AskAsync(quiet, "api_get", Noon.AddMinutes(30).AddMilliseconds(-1));
        var after = await AskAsync(quiet, "api_get", Noon.AddMinutes(30));

        Assert.NotNull(before);
        Assert.Equal(Noon.AddMinutes(30), before.Until);
        Assert.Equal("amoCRM works on it", before.Reason);
        Assert.Null(otherCheck);
        Assert.Null(after);
    }

    [Fact]
    public async Task AWeeklyWindowFromThePageIsQuietOnlyInsideEachWeeksOccurrence()
    {
        await using (var db = await _database.CreateFactory().CreateDbContextAsync())
        {
            // Tuesdays 12:00-12:30 Moscow = 09:00-09:30 UTC; 2026-12-08 is a Tuesday.
            db.MaintenanceWindows.Add(new MaintenanceRecord
            {
                Weekday = (int)DayOfWeek.Tuesday, StartTime = "12:00", DurationMinutes = 30,
                TimeZone = "Europe/Moscow", Reason = "weekly release", CreatedBy = "admin",
                CreatedAt = Noon.ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var quiet = Quietness();

        var inside = await AskAsync(quiet, "api_get", Noon.AddMinutes(29));
        var after = await AskAsync(quiet, "api_get", Noon.AddMinutes(30));
        var nextWeek = await AskAsync(quiet, null, Noon.AddDays(7).AddMinutes(1));

        Assert.True(inside is { IsMaintenance: true });
        Assert.Equal(Noon.AddMinutes(30), inside.Until);
        Assert.Equal(Noon.AddDays(7).AddMinutes(30), nextWeek!.Until);
        Assert.Null(after);
    }

    private Quietness Quietness() => new(new MaintenanceCalendar(
        new ConfigurationBuilder().Build(), _clock, NullLogger<MaintenanceCalendar>.Instance));

    private async Task<Quiet?> AskAsync(Quietness quiet, string? checkType, DateTimeOffset at)
    {
        _clock.SetUtcNow(at);
        await using var session = await _connections.ConnectAsync(CancellationToken.None);
        return await quiet.QuietAsync(session, "acme", checkType, at, CancellationToken.None);
    }
}
