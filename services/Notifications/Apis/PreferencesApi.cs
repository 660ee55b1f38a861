using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications;

public static class PreferencesApi
{
    private const string UpsertSql =
        """
        INSERT INTO notification_preferences (customer_id, category, email, updated_at)
        SELECT {0}, chosen.category, chosen.email, {3} FROM unnest({1}::text[], {2}::boolean[]) AS chosen (category, email)
        ON CONFLICT (customer_id, category) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at
        """;

    public static async Task<Ok<Preferences>> GetAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(db, user.GetCustomerId(), cancellationToken));

    public static async Task<Results<Ok<Preferences>, ValidationProblem>> UpdateAsync(
        HttpRequest request, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<UpdatePreferencesRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (Validate(body) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);

        var customerId = user.GetCustomerId();
        var now = time.GetUtcNow();
        // One statement: all the choices apply or none, and two racing updates cannot both insert a row.
        var categories = body.Categories!.Select(c => c.Category!).ToArray();
        var emails = body.Categories!.Select(c => c.Email!.Value).ToArray();
        await db.Database.ExecuteSqlRawAsync(UpsertSql, [customerId, categories, emails, now], cancellationToken);

        return TypedResults.Ok(await ReadAsync(db, customerId, cancellationToken));
    }

    private static Dictionary<string, string[]> Validate(UpdatePreferencesRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Categories is null)
        {
            errors["categories"] = ["'categories' is required: a list of {category, email}."];
            return errors;
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < body.Categories.Count; i++)
        {
            var choice = body.Categories[i];
            var field = $"categories[{i}]";
            if (choice is null)
                errors[field] = [$"'{field}' must be an object {{category, email}}."];
            else if (NotificationCategories.Find(choice.Category ?? "") is not { } category)
                errors[$"{field}.category"] = [$"Unknown category '{choice.Category}'; known: {string.Join(", ", NotificationCategories.All.Select(c => c.Name))}."];
            else if (!seen.Add(category.Name))
                errors[$"{field}.category"] = [$"'{category.Name}' is listed twice."];
            else if (choice.Email is not { } email)
                errors[$"{field}.email"] = [$"'{field}.email' is required (true or false)."];
            else if (!email && !category.CanOptOut)
                errors[$"{field}.email"] = [$"{category.Name} emails cannot be turned off: they keep the account safe."];
        }

        return errors;
    }

    private static async Task<Preferences> ReadAsync(NotificationsDbContext db, Guid customerId, CancellationToken cancellationToken)
    {
        var chosen = await db.Preferences.AsNoTracking()
            .Where(p => p.CustomerId == customerId)
            .ToDictionaryAsync(p => p.Category, p => p.Email, cancellationToken);
        return new Preferences(NotificationCategories.All
            .Select(c => new CategoryPreference(c.Name, c.Description, !c.CanOptOut || chosen.GetValueOrDefault(c.Name, c.EmailByDefault), c.CanOptOut))
            .ToList());
    }
}
