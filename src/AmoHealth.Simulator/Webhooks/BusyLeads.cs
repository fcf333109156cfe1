using System.Globalization;
using AmoHealth.Simulator.Amo;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// <c>update_lead</c> bodies of a busy account, as amoCRM sends them: several leads under <c>leads[update][n]</c>,
/// each with its tags and custom fields (<c>custom_fields[i][id]</c>, <c>[name]</c>, <c>[values][j][value]</c>,
/// <c>[enum]</c> for lists), in Cyrillic. The leads are not the account's own: no check is waiting for them.
/// </summary>
public static class BusyLeads
{
    private const long FirstOtherLeadId = 90_000_000;

    private static readonly string[] Companies = ["ООО «Ромашка»", "ИП Сидоров А. В.",
        "АО «Северсталь-Сервис»",
        "ООО «Вектор Плюс»", "ЗАО «Техноком»"];
    private static readonly string[] Fields = ["Телефон", "Email", "Источник", "Город",
        "Комментарий менеджера", "ИНН",
        "Бюджет, ₽", "utm_source", "Дата встречи", "Причина отказа"];
    private static readonly string[] Values = ["Москва, ул. Тверская, д. 7, офис 12",
        "Звонок с сайта, просит перезвонить после 18:00", "+7 (916) 123-45-67",
            "продажи@пример.рф",
        "Яндекс.Директ — кампания «Весна»",
            "Согласовать договор и счёт до пятницы"];
    private static readonly string[] Tags = ["горячий клиент", "повторная продажа",
        "опт", "VIP", "тендер"];

    public static List<KeyValuePair<string, string>> Create(string subdomain, int leads, int maxFields, long now)
    {
        var body = new List<KeyValuePair<string, string>>
        {
            new("account[subdomain]", subdomain),
            new("account[id]", S(AccountState.AccountId)),
            new("account[_links][self]", $"https://{subdomain}.amocrm.ru"),
        };
        for (var n = 0; n < leads; n++)
        {
            AddLead(body, $"leads[update][{n}]", maxFields, now);
        }

        return body;
    }

    /// <summary>
    /// The account's own lead of <paramref name="own"/> (at index 0) moved to index <paramref name="index"/>, after
    /// other leads changed in the same moment: amoCRM sends the changes of one moment in one delivery.
    /// </summary>
    public static List<KeyValuePair<string, string>> Around(
        List<KeyValuePair<string, string>> own, string action, int index, int maxFields, long now)
    {
        var from = $"leads[{action}][0]";
        var to = $"leads[{action}][{index}]";
        var body = own.Where(p => !p.Key.StartsWith("leads[", StringComparison.Ordinal)).ToList();
        for (var n = 0; n < index; n++)
        {
            if (action == "status")
            {
                AddMove(body, $"leads[status][{n}]", own);
            }
            else
            {
                AddLead(body, $"leads[{action}][{n}]", maxFields, now);
            }
        }

        body.AddRange(own.Where(p => p.Key.StartsWith(from, StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string>(to + p.Key[from.Length..], p.Value)));
        return body;
    }

    /// <summary>Another lead making the same move as the own one (same stages), so only the lead id tells them
    /// apart.</summary>
    private static void AddMove(List<KeyValuePair<string, string>> body, string prefix, List<KeyValuePair<string,
        string>> own)
    {
        body.Add(new($"{prefix}[id]", S(FirstOtherLeadId + Random.Shared.Next(1_000_000))));
        foreach (
            var field in own.Where(p => p.Key.StartsWith("leads[status][0]", StringComparison.Ordinal)
            && !p.Key.EndsWith("[id]", StringComparison.Ordinal)))
        {
            body.Add(new(prefix + field.Key["leads[status][0]".Length..], field.Value));
        }
    }

    private static void AddLead(List<KeyValuePair<string, string>> body, string prefix, int maxFields, long now)
    {
        var random = Random.Shared;
        var id = FirstOtherLeadId + random.Next(1_000_000);
        body.AddRange(
        [
            new($"{prefix}[id]", S(id)),
            new($"{prefix}[name]", $"Сделка №{id} — {Pick(Companies)}"),
            new($"{prefix}[status_id]", S(AccountState.FirstStageId)),
            new($"{prefix}[price]", S(random.Next(1_000, 5_000_000))),
            new($"{prefix}[responsible_user_id]", S(AccountState.UserId)),
            new($"{prefix}[last_modified]", S(now)),
            new($"{prefix}[modified_user_id]", S(AccountState.UserId)),
            new($"{prefix}[created_user_id]", S(AccountState.UserId)),
            new($"{prefix}[date_create]", S(now - random.Next(86_400 * 90))),
            new($"{prefix}[pipeline_id]", S(AccountState.PipelineId)),
            new($"{prefix}[account_id]", S(AccountState.AccountId)),
            new($"{prefix}[created_at]", S(now - random.Next(86_400 * 90))),
            new($"{prefix}[updated_at]", S(now)),
        ]);
        for (var t = 0; t < random.Next(4); t++)
        {
            body.Add(new($"{prefix}[tags][{t}][id]", S(300_000 + t)));
            body.Add(new($"{prefix}[tags][{t}][name]", Pick(Tags)));
        }

        var fields = random.Next(20, maxFields + 1);
        for (var i = 0; i < fields; i++)
        {
            var field = $"{prefix}[custom_fields][{i}]";
            body.Add(new($"{field}[id]", S(500_000 + i)));
            body.Add(new($"{field}[name]", $"{Fields[i % Fields.Length]} {i}"));
            body.Add(new($"{field}[values][0][value]", Pick(Values)));
            if (i % 5 == 0)
            {
                body.Add(new($"{field}[values][0][enum]", S(700_000 + i)));
            }
        }
    }

    private static string Pick(string[] items) => items[Random.Shared.Next(items.Length)];

    private static string S(long value) => value.ToString(CultureInfo.InvariantCulture);
}
