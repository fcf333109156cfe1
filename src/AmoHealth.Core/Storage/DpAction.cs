namespace AmoHealth.Core.Storage;

/// <summary>Where an account's Digital Pipeline action "send webhook" must point
/// (<see cref="ProbeStateKeys.DpAction"/>): the stage, and the receiver URL with <c>account=</c> and <c>probe=dp</c>,
/// its secret shown as <c>{Monitor:HookSecret}</c>.</summary>
public sealed record DpAction(long StageId, string Url);
