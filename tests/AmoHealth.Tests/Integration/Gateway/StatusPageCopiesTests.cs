using AmoHealth.Gateway.PublicPages;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>The Gateway's last good copies of public pages stay within their bounds whatever a crowd asks for.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageCopiesTests
{
    [Fact]
    public void ACrowdOfDistinctUrlsKeepsAtMostTheLimitAndTheUrlInUseStays()
    {
        var copies = new LastGoodCopies();
        copies.Keep("/status/demo", Copy(1_000));

        for (var i = 0; i < LastGoodCopies.MaxEntries * 2; i++)
        {
            copies.Keep($"/status/demo?x={i}", Copy(100));
            Assert.NotNull(copies.Find("/status/demo"));
        }

        Assert.Equal(LastGoodCopies.MaxEntries, copies.Count);
        Assert.Null(copies.Find("/status/demo?x=0"));
    }

    [Fact]
    public void LargeBodiesAreNotKeptAndTheTotalStaysWithinItsBudget()
    {
        var copies = new LastGoodCopies();

        copies.Keep("/status/big", Copy(LastGoodCopies.MaxBodyBytes + 1));
        for (var i = 0; i < 100; i++)
        {
            copies.Keep($"/status/page{i}", Copy(LastGoodCopies.MaxBodyBytes));
        }

        Assert.Null(copies.Find("/status/big"));
        Assert.InRange(copies.Bytes, 1, LastGoodCopies.MaxTotalBytes);
        Assert.NotNull(copies.Find("/status/page99"));
        Assert.Null(copies.Find("/status/page0"));
    }

    [Fact]
    public void AnAnswerThatSetsACookieOrIsPrivateIsNeverKept()
    {
        var cookie = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        cookie.Headers.SetCookie = "amohealth=session";
        var personal = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        personal.Headers.CacheControl = "private, max-age=30";
        var failed = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        failed.StatusCode = 404;
        var good = new Microsoft.AspNetCore.Http.DefaultHttpContext().Response;
        good.Headers.CacheControl = "public, max-age=30";
        good.Headers.ContentType = "text/html";
        good.Headers["X-Internal"] = "kept out";

        Assert.Null(PublicCopy.Of(cookie, "x"u8));
        Assert.Null(PublicCopy.Of(personal, "x"u8));
        Assert.Null(PublicCopy.Of(failed, "x"u8));
        var copy = PublicCopy.Of(good, "x"u8);
        Assert.NotNull(copy);
        Assert.Equal(["Content-Type", "Cache-Control"], copy.Headers.Select(h => h.Key));
    }

    private static PublicCopy Copy(int bytes) =>
        new([KeyValuePair.Create("Content-Type", "text/html")], new byte[bytes]);
}
