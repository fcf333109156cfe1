namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A clock whose wall time can be stepped (an NTP correction, a VM resumed, an operator's mistake) while its
/// monotonic timestamp and timers go on undisturbed, as they do on a real host.
/// </summary>
public sealed class SteppingClock(TimeProvider inner) : TimeProvider
{
    private long _stepTicks;

    /// <summary>How far the wall clock has been stepped from the monotonic one.</summary>
    public TimeSpan Step => TimeSpan.FromTicks(Interlocked.Read(ref _stepTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <summary>Steps the wall clock by <paramref name="step"/> (negative: back); the timestamp stays.</summary>
    public void StepWallClock(TimeSpan step) => Interlocked.Add(ref _stepTicks, step.Ticks);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Step;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
