using System.Globalization;
using AmoHealth.Simulator.Amo;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// amoCRM's webhook bodies: PHP-style bracket keys (<c>leads[update][0][id]</c>), every value a string,
/// sent form-urlencoded.
/// </summary>
public static class WebhookBody
{
    /// <summary>An account webhook for <paramref name="action"/> (<c>add</c>, <c>update</c> or
    /// <c>status</c>).</summary>
    public static List<KeyValuePair<string, string>> ForAccount(
        string subdomain, string action, AccountState.Lead lead, AccountState.Lead? before)
    {
        var prefix = $"leads[{action}][0]";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("account[subdomain]", subdomain),
            new("account[id]", S(AccountState.AccountId)),
            new("account[_links][self]", $"https://{subdomain}.amocrm.ru"),
            new($"{prefix}[id]", S(lead.Id)),
            new($"{prefix}[name]", lead.Name),
            new($"{prefix}[status_id]", S(lead.StatusId)),
        };
        if (action == "status" && before is not null)
        {
            fields.Add(new($"{prefix}[old_status_id]", S(before.StatusId)));
        }

        fields.AddRange(
        [
            new($"{prefix}[price]", S(lead.Price)),
            new($"{prefix}[responsible_user_id]", S(AccountState.UserId)),
            new($"{prefix}[last_modified]", S(lead.UpdatedAt)),
            new($"{prefix}[modified_user_id]", S(AccountState.UserId)),
            new($"{prefix}[created_user_id]", S(AccountState.UserId)),
            new($"{prefix}[date_create]", S(lead.CreatedAt)),
            new($"{prefix}[pipeline_id]", S(lead.PipelineId)),
        ]);
        if (action == "status" && before is not null)
        {
            fields.Add(new($"{prefix}[old_pipeline_id]", S(before.PipelineId)));
        }

        fields.AddRange(
        [
            new($"{prefix}[account_id]", S(AccountState.AccountId)),
            new($"{prefix}[created_at]", S(lead.CreatedAt)),
            new($"{prefix}[updated_at]", S(lead.UpdatedAt)),
        ]);
        return fields;
    }

    /// <summary>A Digital Pipeline "send webhook" action on entering a stage.</summary>
    public static List<KeyValuePair<string,
        string>> ForDigitalPipeline(AccountState.Lead lead, AccountState.Lead before) =>
    [
        new("leads[status][0][id]", S(lead.Id)),
        new("leads[status][0][old_pipeline_id]", S(before.PipelineId)),
        new("leads[status][0][pipeline_id]", S(lead.PipelineId)),
        new("leads[status][0][old_status_id]", S(before.StatusId)),
        new("leads[status][0][status_id]", S(lead.StatusId)),
    ];

    private static string S(long value) => value.ToString(CultureInfo.InvariantCulture);
}
