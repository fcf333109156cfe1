using System.Diagnostics;
using OpenTelemetry;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>Masks URL secrets in every span's name and string tags as it ends, before any exporter sees it.</summary>
public sealed class RedactingSpanProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        data.DisplayName = SecretRedaction.Redact(data.DisplayName);
        List<(string Key, string Value)>? changed = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && SecretRedaction.Redact(text) is var redacted && redacted != text)
            {
                (changed ??= []).Add((tag.Key, redacted));
            }
        }

        if (changed is not null)
        {
            foreach (var (key, value) in changed)
            {
                data.SetTag(key, value);
            }
        }
    }
}
