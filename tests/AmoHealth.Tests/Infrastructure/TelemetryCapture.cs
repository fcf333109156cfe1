using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// Everything a service's telemetry would export (span names and tags, log messages and attributes), as text.
/// </summary>
public sealed class TelemetryCapture
{
    public ConcurrentQueue<string> Spans { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>The spans themselves (source, parent, tags, events), as exported.</summary>
    public ConcurrentQueue<Activity> Activities { get; } = new();

    public void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(
            b => b.AddProcessor(new SimpleActivityExportProcessor(new SpanExporter(this))));
        services.ConfigureOpenTelemetryLoggerProvider(
            b => b.AddProcessor(new SimpleLogRecordExportProcessor(new LogExporter(this))));
    }

    private sealed class SpanExporter(TelemetryCapture capture) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                capture.Activities.Enqueue(span);
                capture.Spans.Enqueue(span.DisplayName
                    + " " + string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
                    + " " + span.StatusDescription
                    + " " + string.Join(" ", span.Events.Select(
                        e => e.Name + string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}")))));
            }

            return ExportResult.Success;
        }
    }

    private sealed class LogExporter(TelemetryCapture capture) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var scopes = new List<string>();
                record.ForEachScope((scope, list) =>
                {
                    foreach (var item in scope)
                    {
                        list.Add($"{item.Key}={item.Value}");
                    }
                }, scopes);
                capture.Logs.Enqueue($"{record.CategoryName} {record.FormattedMessage} {record.Body} "
                    + string.Join(" ", record.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? [])
                    + " " + string.Join(" ", scopes) + " " + record.Exception);
            }

            return ExportResult.Success;
        }
    }
}
