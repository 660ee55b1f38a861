using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications;

public static class HistoryApi
{
    /// <summary>
    /// The caller's own history; staff may pass <paramref name="customerId"/> for a customer's. A
    /// customer who passes someone else's id gets 404, as for anything else of someone else's.
    /// </summary>
    public static async Task<Results<Ok<HistoryPage>, NotFound, ValidationProblem>> GetAsync(
        ClaimsPrincipal user, NotificationsDbContext db, string? customerId, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.TryParse(page, pageSize, out var paging, errors);
        var subject = user.GetCustomerId();
        if (customerId is not null && !Guid.TryParse(customerId, out subject))
            errors["customerId"] = ["'customerId' must be a customer id (a GUID)."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (subject != user.GetCustomerId() && !user.IsStaff())
            return TypedResults.NotFound();

        var history = db.Notifications.AsNoTracking().Where(n => n.CustomerId == subject);
        var total = await history.CountAsync(cancellationToken);
        var items = await history
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(n => new HistoryEntry(n.Id, n.Template, n.Category, n.Channel, n.Recipient, n.Subject, n.Status, n.Attempts,
                n.LastError, n.CreatedAt, n.SentAt, n.FailedAt, n.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new HistoryPage(subject, items, paging.Page, paging.PageSize, total));
    }
}
