using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using CustomerPlatform.Customers.Consumers;

namespace CustomerPlatform.Customers;

/// <summary>Staff keep a customer's details (company, job title, phones, addresses, tags); every change is audited and on the timeline.</summary>
public static class ProfileApi
{
    public const int ChangesListed = 20;
    public const int MaxChangesListed = 200;

    public static async Task<Results<Ok<CustomerDetailsView>, NotFound, ValidationProblem>> UpdateAsync(
        Guid customerId, HttpRequest request, ClaimsPrincipal user, CustomersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonRequestBody.ReadAsync<ProfileUpdateRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        var (update, errors) = ProfileRules.Check(body);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var changed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Two staff members saving at once: each audit row's old value is what the other left.
            await db.LockAsync("customer", customerId.ToString(), cancellationToken);
            var profile = await db.Profiles.AsTracking().FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
            if (profile is null)
                return null;
            var changes = Apply(profile, update, user.GetCustomerId(), user.GetDisplayName() ?? "Staff", time.GetUtcNow());
            if (changes.Count > 0)
            {
                db.ProfileChanges.AddRange(changes);
                profile.UpdatedAt = changes[0].At;
                await db.SaveChangesAsync(cancellationToken);
                await db.RecordAsync(new TimelineEntry
                {
                    Id = NewId.NextGuid(), CustomerId = customerId, At = changes[0].At, Kind = TimelineKinds.ProfileChanged,
                    Source = ResourceNames.Services.Customers, AuthorId = changes[0].ChangedBy, RecordedAt = changes[0].At,
                    Text = TimelineConsumer.Shorten($"{changes[0].ChangedByName} changed {string.Join(", ", changes.Select(c => Names[c.Field]))}", 2000),
                    SourceKey = $"profile:{changes[0].Id:N}",
                }, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return profile;
        });

        return changed is null ? TypedResults.NotFound() : TypedResults.Ok(Details(changed));
    }

    public static async Task<Results<Ok<List<ProfileChangeView>>, NotFound, ValidationProblem>> GetChangesAsync(
        Guid customerId, int? limit, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (limit is not null and (< 1 or > MaxChangesListed))
            return TypedResults.ValidationProblem(OrderValidation.Error("limit", $"'limit' is a whole number from 1 to {MaxChangesListed}."));
        if (!await db.Profiles.AnyAsync(p => p.CustomerId == customerId, cancellationToken))
            return TypedResults.NotFound();
        return TypedResults.Ok(await ChangesAsync(db, customerId, limit ?? MaxChangesListed, cancellationToken));
    }

    public static async Task<List<ProfileChangeView>> ChangesAsync(CustomersDbContext db, Guid customerId, int limit, CancellationToken cancellationToken) =>
        [.. (await db.ProfileChanges.Where(c => c.CustomerId == customerId).OrderByDescending(c => c.At).ThenBy(c => c.Field)
            .Take(limit).ToListAsync(cancellationToken)).Select(c => c.ToView())];

    public static CustomerDetailsView Details(CustomerProfile p) =>
        new(p.Company, p.JobTitle, p.TimeZone, p.Phones, p.Addresses, p.Tags, p.SuccessManagerId, p.SuccessManagerName);

    /// <summary>Sets what differs and returns one audit row per field changed (all at one time, under the first one's id as the change's).</summary>
    public static List<ProfileChange> Apply(CustomerProfile profile, ProfileRules.Update update, Guid? by, string byName, DateTimeOffset at)
    {
        var changes = new List<ProfileChange>();
        void Audit(string field, string? oldValue, string? newValue) => changes.Add(new ProfileChange
        {
            Id = NewId.NextGuid(), CustomerId = profile.CustomerId, At = at, Field = field, OldValue = oldValue, NewValue = newValue,
            ChangedBy = by, ChangedByName = byName,
        });

        if (update.Company is { } company && company != (profile.Company ?? ""))
        {
            Audit(Fields.Company, profile.Company, Empty(company));
            profile.Company = Empty(company);
        }
        if (update.JobTitle is { } jobTitle && jobTitle != (profile.JobTitle ?? ""))
        {
            Audit(Fields.JobTitle, profile.JobTitle, Empty(jobTitle));
            profile.JobTitle = Empty(jobTitle);
        }
        if (update.Phones is { } phones && !phones.SequenceEqual(profile.Phones))
        {
            Audit(Fields.Phones, Describe(profile.Phones), Describe(phones));
            profile.SetPhones(phones);
        }
        if (update.Addresses is { } addresses && !addresses.SequenceEqual(profile.Addresses))
        {
            Audit(Fields.Addresses, Describe(profile.Addresses), Describe(addresses));
            profile.Addresses = addresses;
        }
        if (update.Tags is { } tags && !tags.SequenceEqual(profile.Tags))
        {
            Audit(Fields.Tags, Describe(profile.Tags), Describe(tags));
            profile.Tags = tags;
        }

        return changes;
    }

    public static class Fields
    {
        public const string Company = "company";
        public const string JobTitle = "jobTitle";
        public const string Phones = "phones";
        public const string Addresses = "addresses";
        public const string Tags = "tags";
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [Fields.Company] = "the company", [Fields.JobTitle] = "the job title", [Fields.Phones] = "the phone numbers",
        [Fields.Addresses] = "the addresses", [Fields.Tags] = "the tags",
    };

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static string? Describe(List<string> tags) => tags.Count == 0 ? null : string.Join(", ", tags);

    private static string? Describe(List<ContactPhone> phones) =>
        phones.Count == 0 ? null : string.Join("; ", phones.Select(p => p.Label is null ? p.Number : $"{p.Label}: {p.Number}"));

    private static string? Describe(List<PostalAddress> addresses) =>
        addresses.Count == 0 ? null : string.Join("; ", addresses.Select(a =>
            (a.Label is null ? "" : a.Label + ": ")
            + string.Join(", ", new[] { a.Line1, a.Line2, string.Join(' ', new[] { a.PostalCode, a.City }.Where(s => s is not null)), a.Region, a.Country }
                .Where(s => !string.IsNullOrEmpty(s)))));
}
