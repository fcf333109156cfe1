using System.Net.Http.Json;
using AmoHealth.Core.OnCall;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.OnCall;

/// <summary>Passes a person's action to the Prober, the single writer: <c>POST http://prober/internal/oncall</c>
/// (service discovery: <c>services:prober:http:0</c>) with the internal secret and the caller's user and role headers.
/// One attempt, no hidden retry: a command sent twice could create two silences.</summary>
public sealed partial class ProberCommands(
    HttpClient http, IOptions<InternalAccessOptions> access, ILogger<ProberCommands> logger)
{
    public const string BaseAddress = "http://prober";

    public const string Path = "/internal/oncall";

    /// <summary>How long the Prober has to answer: one transaction, so a few seconds at most.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<ProberAnswer> SendAsync(
        OnCallCommand command, Caller caller, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = JsonContent.Create(command, OnCallJsonContext.Default.OnCallCommand),
        };
        if (access.Value.ProxySecret is { Length: > 0 } secret)
        {
            request.Headers.Add(InternalAccessOptions.HeaderName, secret);
        }

        if (caller.UserHeader is { } user)
        {
            request.Headers.TryAddWithoutValidation(ActorHeaders.User, user);
        }

        request.Headers.Add(ActorHeaders.Role, caller.Role.ToName());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                LogRefused(logger, command.Kind, (int)response.StatusCode);
                return new ProberAnswer(null, (int)response.StatusCode);
            }

            var reply = await response.Content.ReadFromJsonAsync(
                OnCallJsonContext.Default.OnCallReply, cancellationToken);
            LogAnswered(logger, command.Kind, command.Id, caller.Name, reply?.Status);
            return new ProberAnswer(reply, reply is null ? StatusCodes.Status200OK : null);
        }
        catch (System.Text.Json.JsonException)
        {
            LogRefused(logger, command.Kind, StatusCodes.Status200OK);
            return new ProberAnswer(null, StatusCodes.Status200OK);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not reachable, no address, or no answer in time: the caller is told nothing was changed.
            LogUnreachable(logger, command.Kind, ex.GetType().Name, ex.Message);
            return new ProberAnswer(null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "On-call command {Kind} #{Id} by {User}: the Prober answered {Status}")]
    private static partial void LogAnswered(ILogger logger, string kind, long? id, string? user, string? status);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "On-call command {Kind}: the Prober answered HTTP {HttpStatus} without a verdict")]
    private static partial void LogRefused(ILogger logger, string kind, int httpStatus);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "On-call command {Kind}: the Prober did not answer ({Error}: {Message}); nothing was changed")]
    private static partial void LogUnreachable(ILogger logger, string kind, string error, string message);
}
