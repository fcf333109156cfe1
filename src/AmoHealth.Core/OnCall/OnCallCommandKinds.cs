namespace AmoHealth.Core.OnCall;

/// <summary>The values of <see cref="OnCallCommand.Kind"/>.</summary>
public static class OnCallCommandKinds
{
    /// <summary>Take incident <c>id</c> (operator).</summary>
    public const string Acknowledge = "ack";

    /// <summary>Add <c>text</c> to incident <c>id</c>'s timeline, <c>isPublic</c> or internal (operator).</summary>
    public const string Note = "note";

    /// <summary>No alerts for <c>account</c> (one <c>checkType</c> or all) for <c>minutes</c>, with a
    /// <c>reason</c>; <c>endOnRecovery</c> (operator).</summary>
    public const string Silence = "silence";

    /// <summary>End silence <c>id</c> now (operator).</summary>
    public const string EndSilence = "end_silence";

    /// <summary>Plan a window: one-off <c>startsAt</c>..<c>endsAt</c>, or weekly <c>weekday</c>, <c>startTime</c>,
    /// <c>durationMinutes</c>; <c>account</c> or all; a <c>reason</c> (admin).</summary>
    public const string Maintenance = "maintenance";

    /// <summary>Delete window <c>id</c> (admin).</summary>
    public const string EndMaintenance = "end_maintenance";

    /// <summary>Take burn alert <c>id</c> (table <c>slo_alerts</c>) (operator).</summary>
    public const string AcknowledgeBurn = "ack_burn";

    /// <summary>Publish <c>account</c> at <c>/status/{slug}</c>, or change that page: <c>title</c>,
    /// <c>minIncidentMinutes</c>, <c>indexing</c> (admin).</summary>
    public const string PublishStatus = "publish_status";

    /// <summary>Take page <c>slug</c> down (admin).</summary>
    public const string UnpublishStatus = "unpublish_status";

    public static IReadOnlyList<string> All { get; } =
        [Acknowledge, Note, Silence, EndSilence, Maintenance, EndMaintenance, AcknowledgeBurn, PublishStatus,
            UnpublishStatus];
}
