using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Fast;

/// <summary>Each <c>probe_state</c> key writes and reads its value one way, and the stored texts stay as
/// before.</summary>
[Trait("Ring", "Fast")]
public sealed class ProbeStateKeyTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_699_876_543_210);

    [Fact]
    public void ValuesAreStoredInTheirEarlierTextForms()
    {
        Assert.Equal("1699876543210", ProbeStateKeys.TokenExpires.Format(At));
        Assert.Equal("1699876543210|lead recreated",
            ProbeStateKeys.Notice.Format(new StateNotice(At, "lead recreated")));
        Assert.Equal("42", ProbeStateKeys.TestLead.Format(42));
        Assert.Equal(
            """{"StageId":142,"Url":"https://x/dp"}""",
            ProbeStateKeys.DpAction.Format(new DpAction(142, "https://x/dp")));
        Assert.Equal("channel:email", ProbeStateKeys.Channel("email").Name);
        Assert.Equal("test_lead_id_2", ProbeStateKeys.TestLeadAt(1).Name);
    }

    [Fact]
    public void StoredTextsReadBackAsTypedValues()
    {
        Assert.True(ProbeStateKeys.ProbingWatch.TryParse("1699876543210", out var watch));
        Assert.Equal(At, watch);
        Assert.True(ProbeStateKeys.Notice.TryParse("1699876543210|a|b", out var notice));
        Assert.Equal(new StateNotice(At, "a|b"), notice);
        Assert.True(ProbeStateKeys.Channel("email").TryParse(
            """{"Name":"email","State":"ok","Since":null,"Error":null}""", out var channel));
        Assert.Equal("ok", channel.State);
    }

    [Fact]
    public void TextsThatDoNotParseReadAsAbsentAndAnOldNoticeAsOld()
    {
        Assert.False(ProbeStateKeys.TokenExpires.TryParse("soon", out _));
        Assert.False(ProbeStateKeys.TestLead.TryParse(null, out _));
        Assert.False(ProbeStateKeys.DpAction.TryParse("{not json", out _));
        Assert.True(ProbeStateKeys.Notice.TryParse("no time here", out var notice));
        Assert.Equal(new StateNotice(DateTimeOffset.UnixEpoch, "no time here"), notice);
    }

    [Fact]
    public void ARowReadsOnlyAsItsOwnKey()
    {
        var row = new ProbeStateRecord { Account = "acme", Key = "token_expires_at", Value = "1699876543210" };

        Assert.True(row.TryRead(ProbeStateKeys.TokenExpires, out var expires));
        Assert.Equal(At, expires);
        Assert.False(row.TryRead(ProbeStateKeys.NotProbingSince, out _));
    }
}
