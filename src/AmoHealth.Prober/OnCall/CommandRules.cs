using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;

namespace AmoHealth.Prober.OnCall;

/// <summary>What a command must carry, as the Api checks it before passing it on (a caller that skips the Api meets
/// the same rules here): null when it is well formed, else what is wrong, for a person.</summary>
public static class CommandRules
{
    public const int MaxNote = 2_000;
    public const int MaxReason = 500;
    public const int MinSilenceMinutes = 5;
    public const int MaxSilenceMinutes = 10_080;
    public const int MaxWindowMinutes = 1_440;

    /// <summary>Where an action may come from (written on the timeline).</summary>
    public static IReadOnlyList<string> Sources { get; } = ["dashboard", "api", "mattermost", "telegram"];

    public static string? Check(OnCallCommand command, IReadOnlyCollection<string> accounts, DateTimeOffset now) =>
        command.Kind switch
        {
            _ when command.Source is not null && !Sources.Contains(command.Source) =>
                $"source must be one of {string.Join(", ", Sources)}.",
            OnCallCommandKinds.Acknowledge or OnCallCommandKinds.EndSilence or OnCallCommandKinds.EndMaintenance =>
                command.Id is null ? "id is required." : null,
            OnCallCommandKinds.AcknowledgeBurn => command.Id is null ? "id is required." : null,
            OnCallCommandKinds.Note => command.Id is null ? "id is required."
                : Length(command.Text, MaxNote) ? null : $"text must be 1 to {MaxNote} characters.",
            OnCallCommandKinds.Silence => Silence(command, accounts),
            OnCallCommandKinds.Maintenance => Maintenance(command, accounts, now),
            OnCallCommandKinds.PublishStatus or OnCallCommandKinds.UnpublishStatus => StatusPage(command, accounts),
            _ => $"kind must be one of {string.Join(", ", OnCallCommandKinds.All)}.",
        };

    /// <summary>A weekly window names its weekday, start and length; a one-off one its start and end.</summary>
    public static bool IsWeekly(OnCallCommand command) =>
        command.Weekday is not null || command.StartTime is not null || command.DurationMinutes is not null;

    public static bool IsStartTime(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string? Silence(OnCallCommand command, IReadOnlyCollection<string> accounts)
    {
        if (AccountProblem(command.Account, accounts, required: true) is { } account)
        {
            return account;
        }

        if (command.CheckType is not null && !CheckType.IsKnown(command.CheckType))
        {
            return $"checkType must be one of {string.Join(", ", CheckType.All)}, or null for the whole account.";
        }

        if (command.Minutes is not (>= MinSilenceMinutes and <= MaxSilenceMinutes))
        {
            return $"minutes must be {MinSilenceMinutes} to {MaxSilenceMinutes}.";
        }

        return Length(command.Reason, MaxReason) ? null : $"reason must be 1 to {MaxReason} characters.";
    }

    private static string? Maintenance(OnCallCommand command, IReadOnlyCollection<string> accounts,
        DateTimeOffset now)
    {
        if (AccountProblem(command.Account, accounts, required: false) is { } account)
        {
            return account;
        }

        if (!Length(command.Reason, MaxReason))
        {
            return $"reason must be 1 to {MaxReason} characters.";
        }

        if (!IsWeekly(command))
        {
            return command switch
            {
                { StartsAt: null } or { EndsAt: null } =>
                    "A one-off window needs startsAt and endsAt (or a weekly one weekday, startTime, durationMinutes).",
                _ when command.EndsAt <= command.StartsAt => "endsAt must be after startsAt.",
                _ when command.EndsAt <= now.ToUnixTimeMilliseconds() => "endsAt must be in the future.",
                _ => null,
            };
        }

        return command switch
        {
            { StartsAt: not null } or { EndsAt: not null } =>
                "A window is one-off (startsAt, endsAt) or weekly (weekday, startTime, durationMinutes), not both.",
            { Weekday: not (>= 0 and <= 6) } => "weekday must be 0 (Sunday) to 6 (Saturday).",
            _ when !IsStartTime(command.StartTime) => "startTime must be HH:mm.",
            { DurationMinutes: not (>= 1 and <= MaxWindowMinutes) } =>
                $"durationMinutes must be 1 to {MaxWindowMinutes}.",
            _ => null,
        };
    }

    private static string? StatusPage(OnCallCommand command, IReadOnlyCollection<string> accounts) => command switch
    {
        _ when !StatusPageActions.IsSlug(command.Slug) =>
            "slug must be 1 to 40 lower-case letters, digits and dashes, starting with a letter or a digit.",
        { Kind: OnCallCommandKinds.UnpublishStatus } => null,
        _ when AccountProblem(command.Account, accounts, required: true) is { } account => account,
        { Title: { } title } when title.Trim().Length > StatusPageActions.MaxTitle =>
            $"title must be at most {StatusPageActions.MaxTitle} characters.",
        { MinIncidentMinutes: not (null or (>= 0 and <= StatusPageActions.MaxMinIncidentMinutes)) } =>
            $"minIncidentMinutes must be 0 to {StatusPageActions.MaxMinIncidentMinutes}.",
        _ => null,
    };

    private static string? AccountProblem(string? account, IReadOnlyCollection<string> accounts, bool required) =>
        account is null
            ? required ? "account is required." : null
            : accounts.Contains(account) ? null : $"Unknown account '{account}'.";

    private static bool Length(string? text, int max) =>
        !string.IsNullOrWhiteSpace(text) && text.Trim().Length <= max;
}
