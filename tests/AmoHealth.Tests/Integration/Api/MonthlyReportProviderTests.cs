using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Api;

/// <summary>The report's plain SQL reads SQLite and PostgreSQL alike: the same history gives the same bytes.</summary>
[Trait("Ring", "Integration")]
public sealed class MonthlyReportProviderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _sqlite = new();
    private readonly TempPostgresDatabase _postgres = new();

    private static readonly string[] Urls =
    [
        "/api/reports/monthly?month=2026-11",
        "/api/reports/monthly?month=2026-11&account=acme&format=csv",
        "/api/reports/monthly?month=2026-11&format=html&lang=en",
        "/api/reports/monthly?month=2026-12",
    ];

    public void Dispose()
    {
        _sqlite.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public async Task TheReportIsTheSameOnSqliteAndPostgres()
    {
        await using (var db = await (await _sqlite.MigrateAsync()).CreateDbContextAsync())
        {
            await MonthlyReportApiTests.SeedAsync(db);
        }

        await using (var db = await (await ((ITestStore)_postgres).MigrateAsync()).CreateDbContextAsync())
        {
            await MonthlyReportApiTests.SeedAsync(db);
        }

        var sqlite = await AnswersAsync([]);
        var postgres = await AnswersAsync(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:amohealth"] = _postgres.ConnectionString,
        });

        Assert.Contains("\"goodMinutes\":21", sqlite[Urls[0]], StringComparison.Ordinal);
        foreach (var url in Urls)
        {
            Assert.Equal((url, sqlite[url]), (url, postgres[url]));
        }
    }

    private async Task<Dictionary<string, string>> AnswersAsync(Dictionary<string, string> settings)
    {
        await using var host = new ApiHost(_sqlite.Path, redis: null, settings: settings);
        await using var api = host.WithWebHostBuilder(b => b.ConfigureTestServices(
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        using var client = api.CreateClient();
        var answers = new Dictionary<string, string>();
        foreach (var url in Urls)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal((url, HttpStatusCode.OK), (url, response.StatusCode));
            answers[url] = await response.Content.ReadAsStringAsync();
        }

        return answers;
    }
}
