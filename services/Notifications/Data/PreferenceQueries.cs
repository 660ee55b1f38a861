using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications;

public static class PreferenceQueries
{
    /// <summary>Whether the customer gets the category's emails: their choice, else the category's default; always for a category that cannot be turned off.</summary>
    public static async Task<bool> EmailAllowedAsync(this NotificationsDbContext db, Guid customerId, NotificationCategory category, CancellationToken cancellationToken)
    {
        if (!category.CanOptOut || customerId == Guid.Empty)
            return category.EmailByDefault || !category.CanOptOut;

        var choice = await db.Preferences.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.Category == category.Name)
            .Select(p => (bool?)p.Email)
            .FirstOrDefaultAsync(cancellationToken);
        return choice ?? category.EmailByDefault;
    }
}
