using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomerPlatform.Customers;

/// <summary>
/// What a profile update may hold. Every problem is reported against its field ("phones[1].number"); a request
/// with any problem changes nothing. Values are trimmed; tags are lower-cased and each kept once.
/// </summary>
public static partial class ProfileRules
{
    public const int MaxCompany = 200;
    public const int MaxJobTitle = 200;
    public const int MaxPhones = 10;
    public const int MaxAddresses = 10;
    public const int MaxTags = 20;
    public const int MaxTag = 40;
    public const int MaxLabel = 40;

    public sealed record Update(string? Company, string? JobTitle, List<ContactPhone>? Phones, List<PostalAddress>? Addresses, List<string>? Tags);

    public static (Update Update, Dictionary<string, string[]> Errors) Check(ProfileUpdateRequest body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var company = Text(body.Company, "company", MaxCompany, errors);
        var jobTitle = Text(body.JobTitle, "jobTitle", MaxJobTitle, errors);

        List<ContactPhone>? phones = null;
        if (body.Phones is { } phoneRequests)
        {
            if (phoneRequests.Count > MaxPhones)
                errors["phones"] = [$"'phones' holds at most {MaxPhones} numbers."];
            phones = [];
            for (var i = 0; i < phoneRequests.Count && i < MaxPhones; i++)
            {
                var field = $"phones[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (phoneRequests[i] is not { } phone)
                {
                    errors[field] = ["A phone is an object: {label, number}."];
                    continue;
                }
                var label = Text(phone.Label, field + ".label", MaxLabel, errors);
                var number = phone.Number?.Trim() ?? "";
                var digits = CustomerProfile.Digits(number).Length;
                if (!PhonePattern().IsMatch(number) || digits is < 4 or > 15)
                    errors[field + ".number"] = ["A phone number is 4 to 15 digits, with an optional leading '+', and spaces, dots, dashes or brackets between them."];
                else
                    phones.Add(new ContactPhone(NullIfEmpty(label), number));
            }
        }

        List<PostalAddress>? addresses = null;
        if (body.Addresses is { } addressRequests)
        {
            if (addressRequests.Count > MaxAddresses)
                errors["addresses"] = [$"'addresses' holds at most {MaxAddresses} addresses."];
            addresses = [];
            for (var i = 0; i < addressRequests.Count && i < MaxAddresses; i++)
            {
                var field = $"addresses[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (addressRequests[i] is not { } address)
                {
                    errors[field] = ["An address is an object: {label, line1, line2, city, region, postalCode, country}."];
                    continue;
                }
                var before = errors.Count;
                var label = Text(address.Label, field + ".label", MaxLabel, errors);
                var line1 = Required(address.Line1, field + ".line1", 200, errors);
                var line2 = Text(address.Line2, field + ".line2", 200, errors);
                var city = Required(address.City, field + ".city", 100, errors);
                var region = Text(address.Region, field + ".region", 100, errors);
                var postalCode = Text(address.PostalCode, field + ".postalCode", 20, errors);
                var country = address.Country?.Trim().ToUpperInvariant() ?? "";
                if (!CountryPattern().IsMatch(country))
                    errors[field + ".country"] = ["'country' is a two-letter ISO 3166-1 code, such as FR or US."];
                if (errors.Count == before)
                    addresses.Add(new PostalAddress(NullIfEmpty(label), line1!, NullIfEmpty(line2), city!, NullIfEmpty(region), NullIfEmpty(postalCode), country));
            }
        }

        List<string>? tags = null;
        if (body.Tags is { } tagRequests)
        {
            tags = [];
            for (var i = 0; i < tagRequests.Count; i++)
            {
                var tag = tagRequests[i]?.Trim().ToLowerInvariant() ?? "";
                if (!TagPattern().IsMatch(tag))
                    errors[$"tags[{i.ToString(CultureInfo.InvariantCulture)}]"] =
                        [$"A tag is 1 to {MaxTag} letters, digits, spaces or dashes."];
                else if (!tags.Contains(tag))
                    tags.Add(tag);
            }
            if (tags.Count > MaxTags)
                errors["tags"] = [$"'tags' holds at most {MaxTags} different tags."];
        }

        if (body is { Company: null, JobTitle: null, Phones: null, Addresses: null, Tags: null })
            errors["body"] = ["Send at least one of: company, jobTitle, phones, addresses, tags."];
        return (new Update(company, jobTitle, phones, addresses, tags), errors);
    }

    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        if (value is null)
            return null;
        var trimmed = value.Trim();
        if (trimmed.Length > max)
            errors[field] = [$"'{field}' is at most {max} characters."];
        else if (!TextRules.IsStorable(trimmed))
            errors[field] = [$"'{field}' {TextRules.NotStorable}"];
        return trimmed;
    }

    private static string? Required(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var text = Text(value, field, max, errors);
        if (string.IsNullOrEmpty(text))
            errors[field] = [$"'{field}' is required."];
        return text;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"^\+?[0-9][0-9 .()\-]*$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} \-]{0,39}$")]
    private static partial Regex TagPattern();
}
