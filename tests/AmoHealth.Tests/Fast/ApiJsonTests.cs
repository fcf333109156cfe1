using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AmoHealth.Api.Apis;
using AmoHealth.Api.Extensions;
using AmoHealth.Api.Queries;
using AmoHealth.Api.Status;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Fast;

/// <summary>The Api writes its answers with source-generated JSON only (as the native build must): every answer's type
/// is known to it, and each is written byte for byte as the reflection serializer wrote it before.</summary>
[Trait("Ring", "Fast")]
public sealed class ApiJsonTests
{
    /// <summary>What the Api wrote with before: ASP.NET Core's defaults (web, relaxed escaping) and
    /// reflection.</summary>
    private static readonly JsonSerializerOptions Reflection = new(new Microsoft.AspNetCore.Http.Json.JsonOptions()
        .SerializerOptions)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Api = ApiOptions();

    public static TheoryData<string, Type, object> Answers() => new()
    {
        { "status", typeof(IReadOnlyList<CheckStatusDto>), new List<CheckStatusDto>
        {
            new("main", "GET", "up", "up", "none", 412, 1_765_000_000_000, null, 200, 1_900_000_000_000, 365, null,
                false),
            new("ёлка", "HOOK", "down", "timeout", "timeout", null, 1_765_000_030_000,
                "Нет ответа \"вовремя\" <5 s> & 'ещё'", null, null, null,
                "Тестовая сделка пересоздана", true),
        } },
        { "history", typeof(IReadOnlyList<HistoryPoint>), new List<HistoryPoint>
        {
            new("main", "GET", 1_765_000_000_000, "up", 412, 412, 412, 412, 1, 1, 0, null, 3, 10, 25, 300),
            new("main", "DP", 1_765_000_000_000, "down", 1_337, 2, 9_999, 9_000, 120, 119, 60_000, "один сбой"),
        }.ToArray() },
        { "incidents", typeof(IReadOnlyList<IncidentDto>), new List<IncidentDto>
        {
            new(7, "main", "WEB", "down", 1_765_000_000_000, null, null, "HTTP 502", "анна", 1_765_000_060_000, 1),
            new(8, "main", "POST", "auth_failed", 1_765_000_000_000, 1_765_000_090_000, 90_000, null, null, null, 0),
        } },
        { "stats", typeof(IReadOnlyList<CheckStats>), new List<CheckStats>
        {
            new("main", "GET", 2_880, 2_877, 99.89583333333333, 100, 431, 400, 900, 1_200, 120, 4_800, 1, 180_000)
            {
                Coverage = 33.333333333333336, IncidentsByKind = new Dictionary<string,
                    int> { ["down"] = 1, ["throttled"] = 2 },
            },
            new("main", "HOOK", 0, 0, 0, 0, null, null, null, null, null, null, 0, null),
        } },
        { "info", typeof(InfoDto),
            new InfoDto(true, 30_000,
            [new ChannelState("mattermost", "failing", 1_765_000_000_000, "HTTP 500"),
            new ChannelState("telegram", "ok", null, null)],
            [new DpActionDto("main", 61_234_567,
                "https://monitor.example/hooks/amocrm/{Monitor:HookSecret}?account=main&probe=dp")],
            "Europe/Moscow") },
        { "incident", typeof(IncidentDetailDto), new IncidentDetailDto(
            new IncidentDto(
                7, "main", "WEB", "down", 1_765_000_000_000, null, null, null, "анна", 1_765_000_060_000, 2),
            [new TimelineEntryDto(1, 1_765_000_000_000, "opened", null, null, false),
            new TimelineEntryDto(
                2, 1_765_000_090_000, "note", "анна", "перезапустили \"под\" <b>", true)]) },
        { "silences", typeof(IReadOnlyList<SilenceDto>), new List<SilenceDto>
        {
            new(3, "main", null, 1_765_000_000_000, 1_765_003_600_000, "выкладка", "анна", 1_765_000_000_000,
                true),
        } },
        { "maintenance", typeof(IReadOnlyList<MaintenanceDto>), new List<MaintenanceDto>
        {
            new(2, null, "weekly", null, null, 0, "14:00", 120, "Europe/Moscow", "backup", "root",
                1_765_000_000_000, "page", true, new MaintenanceOccurrence(1_765_000_000_000, 1_765_007_200_000)),
            new(0, "main", "once", 1, 2, null, null, null, "Europe/Moscow", "Alerts:Maintenance:0", null, null,
                "config", false, new MaintenanceOccurrence(1, 2)),
        } },
        { "problem", typeof(ProblemDetails), new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1", Title = "Invalid query parameter",
                Status = 400,
            Detail = "'hours' must be a whole number from 1 to 17520.", Extensions = { ["parameter"] = "hours" },
        } },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void EachAnswerIsWrittenAsTheReflectionSerializerWroteIt(string name, Type declared, object answer)
    {
        var expected = JsonSerializer.Serialize(answer, declared, Reflection);

        var written = JsonSerializer.Serialize(answer, Api.GetTypeInfo(declared));

        Assert.True(expected == written, $"{name}:\nreflection: {expected}\ngenerated:  {written}");
    }

    [Fact]
    public void EveryTypeAHandlerAnswersIsKnownWithoutReflection()
    {
        var answered = typeof(ApiGroups).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ApiGroups).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SelectMany(m => OkValues(m.ReturnType))
            .Distinct()
            .ToList();
        Assert.Contains(typeof(IReadOnlyList<CheckStatusDto>), answered);
        Assert.All(answered, type =>
            Assert.True(Api.TryGetTypeInfo(type, out _), $"{type} is not in {nameof(ApiJsonContext)}"));
    }

    /// <summary>The T of every <c>Ok&lt;T&gt;</c> a handler's declared result may be.</summary>
    private static IEnumerable<Type> OkValues(Type type)
    {
        if (!type.IsGenericType)
        {
            return [];
        }

        return type.GetGenericTypeDefinition() == typeof(Ok<>) ? type.GetGenericArguments() : type.GetGenericArguments()
            .SelectMany(OkValues);
    }

    /// <summary>The JSON options the Api's handlers and problem details are written with, as its registrations set
    /// them.</summary>
    private static JsonSerializerOptions ApiOptions()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddApiServices();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            .Value.SerializerOptions;
    }
}
