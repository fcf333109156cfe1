using System.Globalization;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// Webhook bodies of a busy real account, as amoCRM posts them (form-urlencoded bracket keys): several leads, each
/// with its custom fields, tags and Cyrillic values. One lead may be "ours" (the test lead) at a chosen index.
/// </summary>
public static class AmoForms
{
    /// <summary>The customer data the bodies carry, to look for where it must not be.</summary>
    public const string CustomerName = "ООО «Ромашка» — Иванов Пётр";

    public const string CustomerPhone = "+7 (916) 123-45-67";

    public static List<KeyValuePair<string, string>> Update(
        int leads, int customFields, (int Index, long Id, string Name)? own = null)
    {
        var body = Account();
        for (var n = 0; n < leads; n++)
        {
            var prefix = $"leads[update][{n}]";
            var ours = own is { } o && o.Index == n;
            body.Add(new($"{prefix}[id]", S(ours ? own!.Value.Id : 80_000_000 + n)));
            body.Add(new($"{prefix}[name]", ours ? own!.Value.Name : $"{CustomerName} {n}"));
            body.Add(new($"{prefix}[status_id]", "7000101"));
            body.Add(new($"{prefix}[price]", "1250000"));
            body.Add(new($"{prefix}[pipeline_id]", "7000001"));
            body.Add(new($"{prefix}[tags][0][id]", "301"));
            body.Add(new($"{prefix}[tags][0][name]", "горячий клиент"));
            for (var i = 0; i < customFields; i++)
            {
                body.Add(new($"{prefix}[custom_fields][{i}][id]", S(500_000 + i)));
                body.Add(new($"{prefix}[custom_fields][{i}][name]", $"Поле {i}: телефон и комментарий"));
                body.Add(new(
                    $"{prefix}[custom_fields][{i}][values][0][value]",
                    $"{CustomerPhone}, перезвонить после 18:00 ({i})"));
            }
        }

        return body;
    }

    /// <summary>A Digital Pipeline delivery: several leads entering a stage, ours (if any) at its index.</summary>
    public static List<KeyValuePair<string, string>> Moves(
        int leads, long from, long to, (int Index, long Id)? own = null)
    {
        var body = new List<KeyValuePair<string, string>>();
        for (var n = 0; n < leads; n++)
        {
            var prefix = $"leads[status][{n}]";
            body.Add(new($"{prefix}[id]", S(own is { } o && o.Index == n ? o.Id : 80_000_000 + n)));
            body.Add(new($"{prefix}[old_pipeline_id]", "7000001"));
            body.Add(new($"{prefix}[pipeline_id]", "7000001"));
            body.Add(new($"{prefix}[old_status_id]", S(from)));
            body.Add(new($"{prefix}[status_id]", S(to)));
        }

        return body;
    }

    private static List<KeyValuePair<string, string>> Account() =>
    [
        new("account[subdomain]", "busy"),
        new("account[id]", "31415926"),
        new("account[_links][self]", "https://busy.amocrm.ru"),
    ];

    private static string S(long value) => value.ToString(CultureInfo.InvariantCulture);
}
