using System.Text.Json;
using System.Text.Json.Serialization;
using AmoHealth.Api.OnCall;
using AmoHealth.Api.Publishing;
using AmoHealth.Api.Queries;
using AmoHealth.Api.Slo;
using AmoHealth.Api.Status;
using AmoHealth.Core.Live;

namespace AmoHealth.Api.Apis;

/// <summary>Source-generated JSON for everything the Api answers (web defaults: camelCase, nulls written), as each
/// handler declares it; the Api's JSON options hold nothing else (see <c>AddApiServices</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<CheckStatusDto>))]
[JsonSerializable(typeof(IReadOnlyList<HistoryPoint>))]
[JsonSerializable(typeof(IReadOnlyList<IncidentDto>))]
[JsonSerializable(typeof(IReadOnlyList<CheckStats>))]
[JsonSerializable(typeof(IReadOnlyList<SloDto>))]
[JsonSerializable(typeof(InfoDto))]
[JsonSerializable(typeof(IncidentDetailDto))]
[JsonSerializable(typeof(IncidentDto))]
[JsonSerializable(typeof(TimelineEntryDto))]
[JsonSerializable(typeof(IReadOnlyList<SilenceDto>))]
[JsonSerializable(typeof(SilenceDto))]
[JsonSerializable(typeof(IReadOnlyList<MaintenanceDto>))]
[JsonSerializable(typeof(MaintenanceDto))]
[JsonSerializable(typeof(IReadOnlyList<StatusPageDto>))]
[JsonSerializable(typeof(StatusPageDto))]
[JsonSerializable(typeof(Reports.MonthlyReportDto))]
[JsonSerializable(typeof(IReadOnlyList<Slo.BurnAlertDto>))]
[JsonSerializable(typeof(Slo.BurnAlertDto))]
// The bodies of the actions, read with this context too.
[JsonSerializable(typeof(NoteRequest))]
[JsonSerializable(typeof(SilenceRequest))]
[JsonSerializable(typeof(MaintenanceRequest))]
[JsonSerializable(typeof(StatusPageRequest))]
// The live stream's messages, described in the OpenAPI document (the stream itself writes them with LiveJsonContext).
[JsonSerializable(typeof(StatusUpdate))]
[JsonSerializable(typeof(IncidentEvent))]
// The problem details' extension values (the parameter, field, role or limit named; who acknowledged, since when).
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
