using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Storage;

/// <summary>SQLite runs one Prober, and a second one on the same file says so instead of probing everything
/// twice.</summary>
[Trait("Ring", "Integration")]
public sealed class SoleSqliteProberTests
{
    [Fact]
    public async Task ASecondProberOnTheSameSqliteFileStopsAtStartNamingThePostgresSetting()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With();
        await using var first = ProberHost.For(simulator, database, new() { ["CHECK_INTERVAL"] = "5000" });
        using (var client = first.CreateClient())
        {
            Assert.True((await client.GetAsync("/alive")).IsSuccessStatusCode);
        }

        await using var second = ProberHost.For(simulator, database, new() { ["CHECK_INTERVAL"] = "5000" });
        var error = Assert.Throws<InvalidOperationException>(() => second.CreateClient());

        Assert.Contains("Another Prober is already running", error.Message);
        Assert.Contains("Storage:Provider=postgres", error.Message);

        // Once the first stops, the file is free again (on a busy machine the host's teardown may finish a moment
        // after DisposeAsync returns: a few seconds' grace, never more).
        await first.DisposeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var third = ProberHost.For(simulator, database, new() { ["CHECK_INTERVAL"] = "5000" });
            try
            {
                using var free = third.CreateClient();
                Assert.True((await free.GetAsync("/alive")).IsSuccessStatusCode);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
