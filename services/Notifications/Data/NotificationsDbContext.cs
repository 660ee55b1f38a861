using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications;

/// <summary>The Notifications service's own database, notificationsdb.</summary>
public class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
