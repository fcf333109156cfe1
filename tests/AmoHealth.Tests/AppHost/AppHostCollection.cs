namespace AmoHealth.Tests.AppHost;

/// <summary>Tests that share one running app.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
