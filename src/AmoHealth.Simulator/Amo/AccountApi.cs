using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Amo;

/// <summary><c>GET /api/v4/account</c> with the documented <c>with=</c> options.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/account", GetAccount);
        return api;
    }

    private static IResult GetAccount(HttpRequest request, IOptions<SimulatorOptions> options, string? with = null)
    {
        var subdomain = options.Value.Subdomain;
        var extras = (with ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var body = new Dictionary<string, object?>
        {
            ["id"] = AccountState.AccountId,
            ["name"] = subdomain,
            ["subdomain"] = subdomain,
            ["created_at"] = 1_739_794_993,
            ["created_by"] = 0,
            ["updated_at"] = 1_739_794_993,
            ["updated_by"] = 0,
            ["current_user_id"] = AccountState.UserId,
            ["country"] = "RU",
            ["currency"] = "RUB",
            ["currency_symbol"] = "₽",
            ["customers_mode"] = "segments",
            ["is_unsorted_on"] = true,
            ["is_loss_reason_enabled"] = true,
            ["is_helpbot_enabled"] = false,
            ["is_technical_account"] = false,
            ["contact_name_display_order"] = 1,
            ["uuid"] = "824f3a59-6154-4edf-ba90-0b5593715d07",
            ["_links"] = Hal.Links(request, "/api/v4/account"),
        };
        var embedded = new Dictionary<string, object?>();

        if (extras.Contains("amojo_id"))
        {
            body["amojo_id"] = "f3c6340d-410e-4ad1-9f7e-c5e663599909";
        }

        if (extras.Contains("version"))
        {
            body["version"] = 16;
        }

        if (extras.Contains("drive_url"))
        {
            body["drive_url"] = $"https://drive-b.amocrm.ru";
        }

        if (extras.Contains("is_api_filter_enabled"))
        {
            body["is_api_filter_enabled"] = true;
        }

        if (extras.Contains("amojo_rights"))
        {
            embedded["amojo_rights"] = new Dictionary<string,
                bool> { ["can_direct"] = true, ["can_create_groups"] = true };
        }

        if (extras.Contains("users_groups"))
        {
            embedded["users_groups"] = new[] { new Dictionary<string,
                object> { ["id"] = 0, ["name"] = "Отдел продаж", ["uuid"] = "" } };
        }

        if (extras.Contains("task_types"))
        {
            embedded["task_types"] = new[]
            {
                new Dictionary<string,
                    object?> { ["id"] = 1, ["name"] = "Связаться", ["color"] = null, ["icon_id"] = null,
                    ["code"] = "FOLLOW_UP" },
                new Dictionary<string,
                    object?> { ["id"] = 2, ["name"] = "Встреча", ["color"] = null, ["icon_id"] = null,
                    ["code"] = "MEETING" },
            };
        }

        if (extras.Contains("datetime_settings"))
        {
            embedded["datetime_settings"] = new Dictionary<string, string>
            {
                ["date_pattern"] = "d.m.Y H:i",
                ["short_date_pattern"] = "d.m.Y",
                ["short_time_pattern"] = "H:i",
                ["date_format"] = "d.m.Y",
                ["time_format"] = "H:i:s",
                ["timezone"] = "Europe/Moscow",
                ["timezone_offset"] = "+03:00",
            };
        }

        if (embedded.Count > 0)
        {
            body["_embedded"] = embedded;
        }

        return Hal.Ok(body);
    }
}
