using System.IO.Pipelines;
using System.Text;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Fast;

/// <summary>The receiver reads a webhook's form as it streams in and keeps its match keys only.</summary>
[Trait("Ring", "Fast")]
public sealed class FormScannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65_536)]
    public async Task OnlyTheTestLeadsMatchKeysAreKeptAtAnyIndexHoweverTheBodyArrives(int chunk)
    {
        var name = ProbeMarker.NewName(out var marker);
        var body = await new FormUrlEncodedContent(AmoForms.Update(9, customFields: 10, own: (7, 4242, name)))
            .ReadAsByteArrayAsync();

        var (scanner, keys) = await ScanAsync(body, chunk, long.MaxValue);

        Assert.Equal([new LeadEntry(LeadEvent.Update, 4242, marker, null, null)], keys.ToEntries());
        Assert.Equal(body.Length, scanner.BytesRead);
        Assert.False(scanner.Truncated);
    }

    [Fact]
    public async Task StatusMovesAreKeptWithTheirStagesAndOddKeysOrLongValuesAreNot()
    {
        var body = "leads[status][3][id]=55&leads[status][3][status_id]=2&leads[status][3][old_status_id]=1"
            + "&leads%5Bstatus%5D%5B012%5D%5Bid%5D=9&leads[status][600][id]=8&leads[status][4][id]=-5"
            + "&leads[status][5][id]=1" + new string('0', 500)
            + "&leads[update][1][id]=77&leads[update][1][name]=" + new string('x', 10_000)
                + "&leads[status][3][pipeline_id]=4";

        var (_, keys) = await ScanAsync(Encoding.UTF8.GetBytes(body), 100, long.MaxValue);

        Assert.Equal([new LeadEntry(LeadEvent.Status, 55, null, 2, 1)], keys.ToEntries());
    }

    [Fact]
    public async Task NothingPastTheCapIsRead()
    {
        var body = "leads[status][0][id]=5&leads[status][0][status_id]=2&x=" + new string('y', 100_000)
            + "&leads[status][1][id]=6";

        var (scanner, keys) = await ScanAsync(Encoding.UTF8.GetBytes(body), 4096, 1_000);

        Assert.Equal([new LeadEntry(LeadEvent.Status, 5, null, 2, null)], keys.ToEntries());
        Assert.True(scanner.Truncated);
        Assert.Equal(1_000, scanner.BytesRead);
    }

    private static async Task<(FormScanner Scanner, MatchKeys Keys)> ScanAsync(byte[] body, int chunk, long cap)
    {
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            for (var at = 0; at < body.Length; at += chunk)
            {
                await pipe.Writer.WriteAsync(body.AsMemory(at, Math.Min(chunk, body.Length - at)));
            }

            await pipe.Writer.CompleteAsync();
        });
        var keys = new MatchKeys();
        var scanner = new FormScanner(keys);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await scanner.ScanAsync(pipe.Reader, cap, timeout.Token);
        await pipe.Reader.CompleteAsync();
        await writing.WaitAsync(timeout.Token);

        return (scanner, keys);
    }
}
