using System.Threading.Channels;
using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Persistence;

/// <summary>Hands finished probes to the single <see cref="ResultWriter"/>. Bounded so a stalled disk shows as
/// back-pressure on the probes instead of unbounded memory.</summary>
public sealed class ResultChannel
{
    private readonly Channel<ProbeResult> _channel = Channel.CreateBounded<ProbeResult>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<ProbeResult> Reader => _channel.Reader;

    public ValueTask SubmitAsync(ProbeResult result, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(result, cancellationToken);
}
