using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications;

/// <summary>
/// The in-app inbox, the communication history and the email preferences. Every route but status
/// needs a signed-in caller and shows only the caller's own notifications (staff may read a
/// customer's history).
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/notifications")
            .WithTags("Notifications")
            .MapStatus(ResourceNames.Services.Notifications);

        var own = api.MapGroup("").RequireAuthorization();
        own.MapGet("", GetInboxAsync)
            .WithName("GetInbox")
            .WithSummary("The caller's in-app notifications, newest first (page, pageSize)");
        own.MapPost("{id:guid}/read", MarkReadAsync)
            .WithName("MarkNotificationRead")
            .WithSummary("Marks one of the caller's notifications read");
        own.MapPost("read-all", MarkAllReadAsync)
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every notification of the caller read");
        own.MapGet("preferences", PreferencesApi.GetAsync)
            .WithName("GetNotificationPreferences")
            .WithSummary("Which categories of email the caller gets");
        own.MapPut("preferences", PreferencesApi.UpdateAsync)
            .WithName("UpdateNotificationPreferences")
            .WithSummary("Turns categories of email on or off (security emails cannot be turned off)");
        own.MapGet("history", HistoryApi.GetAsync)
            .WithName("GetNotificationHistory")
            .WithSummary("The delivery log of the caller's notifications; staff may pass customerId");

        return app;
    }

    public static async Task<Results<Ok<InboxPage>, ValidationProblem>> GetInboxAsync(
        ClaimsPrincipal user, NotificationsDbContext db, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Paging.TryParse(page, pageSize, out var paging, errors))
            return TypedResults.ValidationProblem(errors);

        // A request refused before rendering has nothing to show; it stays in the history only.
        var inbox = db.Notifications.AsNoTracking().Where(n => n.CustomerId == user.GetCustomerId() && n.Subject != null);
        var total = await inbox.CountAsync(cancellationToken);
        var unread = await inbox.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await inbox
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(n => new InboxItem(n.Id, n.Template, n.Category, n.Subject, n.InboxText, n.Status, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new InboxPage(items, paging.Page, paging.PageSize, total, unread));
    }

    public static async Task<Results<NoContent, NotFound>> MarkReadAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        var now = time.GetUtcNow();
        var updated = await db.Notifications
            .Where(n => n.Id == id && n.CustomerId == customerId && n.Subject != null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, x => x.ReadAt ?? now), cancellationToken);

        // Someone else's notification is as unknown to the caller as one that does not exist.
        return updated == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<NoContent> MarkAllReadAsync(
        ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        var now = time.GetUtcNow();
        await db.Notifications
            .Where(n => n.CustomerId == customerId && n.ReadAt == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), cancellationToken);
        return TypedResults.NoContent();
    }
}
