using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Api.Live;

/// <summary>Server-Sent Events settings. Section <c>Stream</c>.</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Stream";

    /// <summary>Seconds between heartbeats on an idle stream. Default 15: well under the idle cut of proxies (YARP 100
    /// s, Nginx 60 s by default).</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;
}
