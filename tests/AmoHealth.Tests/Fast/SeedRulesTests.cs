using AmoHealth.Core.Configuration;

namespace AmoHealth.Tests.Fast;

/// <summary>What the AppHost refuses before it starts anything: a Mattermost URL a typo broke stops it naming the
/// key.</summary>
[Trait("Ring", "Fast")]
public sealed class SeedRulesTests
{
    [Theory]
    [InlineData("htps://chat.example.com/hooks/abc")]
    [InlineData("chat.example.com/hooks/abc")]
    [InlineData("ftp://chat.example.com/hooks/abc")]
    public void AMattermostUrlThatIsNotHttpStopsTheStartNamingTheKeyAndNotTheValue(string url)
    {
        var problem = Assert.Single(SeedRules.Problems(key => key == SeedRules.MattermostWebhookUrl ? url : null));

        Assert.Contains("MATTERMOST_WEBHOOK_URL", problem);
        Assert.DoesNotContain("hooks/abc", problem);
    }

    [Theory]
    [InlineData("https://chat.example.com/hooks/abc")]
    [InlineData("http://127.0.0.1:8065/hooks/abc")]
    [InlineData(null)]
    public void AnHttpMattermostUrlOrNoneIsAccepted(string? url) =>
        Assert.Empty(SeedRules.Problems(key => key == SeedRules.MattermostWebhookUrl ? url : null));
}
