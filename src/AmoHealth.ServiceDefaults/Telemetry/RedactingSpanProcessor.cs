using System.Diagnostics;
using OpenTelemetry;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>
/// Masks secrets in every span as it ends, before any exporter sees it: its name, status description, string
/// tags, and the tags of its events (a recorded exception's <c>exception.message</c> and <c>exception.stacktrace</c>).
/// </summary>
public sealed class RedactingSpanProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        data.DisplayName = SecretRedaction.Redact(data.DisplayName);
        if (data.StatusDescription is { } description && SecretRedaction.Redact(description) is var masked
            && masked != description)
        {
            data.SetStatus(data.Status, masked);
        }

        foreach (var (key, value) in Changed(data.TagObjects))
        {
            data.SetTag(key, value);
        }

        // Events are kept in the span by reference: one holding a secret (a recorded exception's message and stack
        // trace) is replaced in place by a masked copy.
        foreach (ref var activityEvent in data.EnumerateEvents())
        {
            if (Changed(activityEvent.Tags) is { Count: > 0 } changed)
            {
                var tags = new ActivityTagsCollection(activityEvent.Tags);
                foreach (var (key, value) in changed)
                {
                    tags[key] = value;
                }

                activityEvent = new ActivityEvent(SecretRedaction.Redact(activityEvent.Name), activityEvent.Timestamp,
                    tags);
            }
        }
    }

    private static List<(string Key, string Value)> Changed(IEnumerable<KeyValuePair<string, object?>> tags)
    {
        List<(string Key, string Value)> changed = [];
        foreach (var tag in tags)
        {
            if (tag.Value is string text && SecretRedaction.Redact(text) is var redacted && redacted != text)
            {
                changed.Add((tag.Key, redacted));
            }
        }

        return changed;
    }
}
