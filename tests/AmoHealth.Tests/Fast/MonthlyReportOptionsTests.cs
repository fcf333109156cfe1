using AmoHealth.Core.Slo;
using AmoHealth.Prober.Alerting;
using AmoHealth.Prober.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The Prober's <c>Reports</c> and <c>Slo</c> settings: the post is off unless turned on, and a bad value
/// stops the start naming its key.</summary>
[Trait("Ring", "Fast")]
public sealed class MonthlyReportOptionsTests
{
    [Fact]
    public void TheMonthlyPostIsOffUnlessTurnedOnAndTheSloTargetsAreBound()
    {
        using var off = Provider([]);
        using var on = Provider([("Reports:MonthlyPost", "true"), ("Slo:Accounts:acme:Checks:GET:Target", "99")]);

        Assert.False(off.GetRequiredService<IOptions<ReportOptions>>().Value.MonthlyPost);
        Assert.True(on.GetRequiredService<IOptions<ReportOptions>>().Value.MonthlyPost);
        Assert.Equal(0.99, on.GetRequiredService<IOptions<SloOptions>>().Value.For("acme", "GET").Target, 9);
    }

    [Theory]
    [InlineData("Reports:MonthlyPost", "sometimes")]
    [InlineData("Slo:Target", "100")]
    public void ABadValueFailsNamingItsKey(string key, string value)
    {
        using var provider = Provider([(key, value)]);

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            _ = provider.GetRequiredService<IOptions<ReportOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<SloOptions>>().Value;
        });

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider((string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddMonthlyReports().AddSloOptions();
        return services.BuildServiceProvider();
    }
}
