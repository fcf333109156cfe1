using AmoHealth.Api.Publishing;
using AmoHealth.Core.OnCall;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Tests.Fast;

/// <summary>What a publish_status or unpublish_status command must carry, as the Prober checks it, and the Api's
/// checks of the same body before it asks.</summary>
[Trait("Ring", "Fast")]
public sealed class StatusPagePublishRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private static readonly string[] Accounts = ["acme"];

    [Theory]
    [InlineData("acme", "acme", null, 0, null)]
    [InlineData("a", "acme", "Acme", 1_440, null)]
    [InlineData("0123456789012345678901234567890123456789", "acme", null, 0, null)]
    [InlineData("01234567890123456789012345678901234567890", "acme", null, 0, "slug")]
    [InlineData("-acme", "acme", null, 0, "slug")]
    [InlineData("Acme", "acme", null, 0, "slug")]
    [InlineData("acme", "other", null, 0, "Unknown account 'other'.")]
    [InlineData("acme", null, null, 0, "account is required.")]
    [InlineData("acme", "acme", null, -1, "minIncidentMinutes must be 0 to 1440.")]
    [InlineData("acme", "acme", null, 1_441, "minIncidentMinutes must be 0 to 1440.")]
    public void APublishNeedsAValidSlugAKnownAccountAndMinutesInRange(
        string slug, string? account, string? title, int minutes, string? problem)
    {
        var command = new OnCallCommand
        {
            Kind = OnCallCommandKinds.PublishStatus, Slug = slug, Account = account, Title = title,
            MinIncidentMinutes = minutes,
        };

        var found = CommandRules.Check(command, Accounts, Now);

        if (problem == "slug")
        {
            Assert.StartsWith("slug must be 1 to 40", found);
        }
        else
        {
            Assert.Equal(problem, found);
        }
    }

    [Fact]
    public void ATitleOfMoreThan80CharactersIsInvalidAndUnpublishingNeedsOnlyTheSlug()
    {
        var title = new OnCallCommand
        {
            Kind = OnCallCommandKinds.PublishStatus, Slug = "acme", Account = "acme", Title = new string('t', 81),
        };
        var fits = title with { Title = $"  {new string('t', 80)}  " };

        Assert.Equal("title must be at most 80 characters.", CommandRules.Check(title, Accounts, Now));
        Assert.Null(CommandRules.Check(fits, Accounts, Now));
        Assert.Null(CommandRules.Check(
            new OnCallCommand { Kind = OnCallCommandKinds.UnpublishStatus, Slug = "gone" }, Accounts, Now));
        Assert.StartsWith("slug must be", CommandRules.Check(
            new OnCallCommand { Kind = OnCallCommandKinds.UnpublishStatus }, Accounts, Now));
    }

    [Theory]
    [InlineData("acme", null, null, null)]
    [InlineData(" ", null, null, "account")]
    [InlineData("acme", "0123456789012345678901234567890123456789012345678901234567890123456789012345678", 0, null)]
    [InlineData("acme", null, 1_441, "minIncidentMinutes")]
    [InlineData("acme", null, -5, "minIncidentMinutes")]
    public void TheApiNamesTheFieldOfABadBody(string? account, string? title, int? minutes, string? field)
    {
        var problem = StatusPageRules.Body(new StatusPageRequest(account, title, minutes, null));

        Assert.Equal(field, problem?.ProblemDetails.Extensions["field"] as string);
    }

    [Fact]
    public void TheApiStoresABlankTitleAsNoneAndRefusesAnAddressThatIsNotASlug()
    {
        Assert.Equal(((string?)null, "Acme"), (StatusPageRules.Title("   "), StatusPageRules.Title(" Acme ")));
        Assert.Equal("slug", StatusPageRules.Slug("acme status")?.ProblemDetails.Extensions["field"] as string);
        Assert.Equal("title", StatusPageRules.Body(new StatusPageRequest("acme", new string('t', 81), 0, true))
            ?.ProblemDetails.Extensions["field"] as string);
    }
}
