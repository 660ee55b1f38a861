using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty;

/// <summary>The Loyalty service's own database, loyaltydb.</summary>
public class LoyaltyDbContext(DbContextOptions<LoyaltyDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
