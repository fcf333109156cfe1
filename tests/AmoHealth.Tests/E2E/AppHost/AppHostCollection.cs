namespace AmoHealth.Tests.E2E.AppHost;

/// <summary>Tests that share one running app (and one headless browser).</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>,
    ICollectionFixture<AmoHealth.Tests.Infrastructure.BrowserFixture>
{
    public const string Name = "AppHost";
}
