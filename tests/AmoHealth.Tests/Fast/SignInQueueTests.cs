using AmoHealth.Gateway.Auth;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Fast;

/// <summary>The sign-in limits' bookkeeping: bounded whatever the flood, and the admin's fresh attempt served
/// first.</summary>
[Trait("Ring", "Fast")]
public sealed class SignInQueueTests
{
    [Fact]
    public void AnUnknownUserNameIsCheckedAgainstAHashAsCostlyAsARealOne()
    {
        var real = Passwords.Hash("any password").Split('$');
        var nobodys = SignInGate.NobodysHash.Split('$');

        Assert.True(Passwords.IsWellFormed(SignInGate.NobodysHash));
        // The same scheme, iterations and lengths: the same work, so the timing does not tell a name exists.
        Assert.Equal(real[..2], nobodys[..2]);
        Assert.Equal(real[2].Length, nobodys[2].Length);
        Assert.Equal(real[3].Length, nobodys[3].Length);
        Assert.False(Passwords.Verify(string.Empty, SignInGate.NobodysHash));
    }

    [Fact]
    public void TheAttemptTableNeverHoldsMoreClientsThanItsCapacity()
    {
        var time = new FakeTimeProvider();
        var table = new AttemptTable(perWindow: 2, time, capacity: 100);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(0, table.TryRecord($"198.51.{i / 256}.{i % 256}"));
        }

        Assert.Equal(100, table.Count);
    }

    [Fact]
    public void AClientOverItsLimitWaitsForTheNextMinute()
    {
        var time = new FakeTimeProvider();
        var table = new AttemptTable(perWindow: 2, time);

        Assert.Equal([0, 1, null], new[] { table.TryRecord("a"), table.TryRecord("a"), table.TryRecord("a") });
        Assert.Equal(0, table.TryRecord("b"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, table.TryRecord("a"));
    }

    [Fact]
    public async Task TheNextTurnGoesToTheWaiterWithTheFewestAttemptsAndTheQueueStaysBounded()
    {
        var time = new FakeTimeProvider();
        var queue = new HashingQueue(time, capacity: 2);
        Assert.True(await queue.EnterAsync(0, TimeSpan.FromSeconds(2), CancellationToken.None));

        var flooder = queue.EnterAsync(5, TimeSpan.FromSeconds(2), CancellationToken.None);
        var another = queue.EnterAsync(7, TimeSpan.FromSeconds(2), CancellationToken.None);
        var admin = queue.EnterAsync(0, TimeSpan.FromSeconds(2), CancellationToken.None);
        var late = queue.EnterAsync(9, TimeSpan.FromSeconds(2), CancellationToken.None);

        // The worst waiter gave its place to the admin; a worse newcomer is turned away at once.
        Assert.False(await another);
        Assert.False(await late);
        queue.Release();
        Assert.True(await admin);
        Assert.False(flooder.IsCompleted);
        queue.Release();
        Assert.True(await flooder);
    }

    [Fact]
    public async Task AWaiterGivesUpAfterItsWait()
    {
        var time = new FakeTimeProvider();
        var queue = new HashingQueue(time);
        Assert.True(await queue.EnterAsync(0, TimeSpan.FromSeconds(2), CancellationToken.None));
        var waiting = queue.EnterAsync(0, TimeSpan.FromSeconds(2), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await waiting);
        queue.Release();
        Assert.True(await queue.EnterAsync(0, TimeSpan.FromSeconds(2), CancellationToken.None));
    }
}
