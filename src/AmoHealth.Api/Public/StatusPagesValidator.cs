using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Public;

/// <summary>Pages in configuration: a valid slug, an account, a known language, a non-negative minimum length. A bad
/// page stops the start naming its key.</summary>
public sealed class StatusPagesValidator : IValidateOptions<StatusPagesOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusPagesOptions options)
    {
        var failures = new List<string>();
        foreach (var (slug, page) in options.Pages)
        {
            var key = $"{StatusPageOptions.Section}:{slug}";
            if (!StatusPageSlugs.IsValid(slug))
            {
                failures.Add($"{key}: the slug must be 1-40 lower-case letters, digits and dashes.");
            }

            if (string.IsNullOrWhiteSpace(page.Account))
            {
                failures.Add($"{key}:Account is required (the account the page publishes).");
            }

            if (page.Language is not ("ru" or "en"))
            {
                failures.Add($"{key}:Language must be ru or en, not '{page.Language}'.");
            }

            if (page.MinIncidentMinutes is < 0 or > 1440)
            {
                failures.Add($"{key}:MinIncidentMinutes must be 0..1440, not {page.MinIncidentMinutes}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
