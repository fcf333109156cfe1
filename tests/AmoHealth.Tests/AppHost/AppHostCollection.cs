namespace AmoHealth.Tests.AppHost;

/// <summary>Tests that share one running app (and one headless browser).</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "AppHost";
}
