using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>The Identity service's own database, identitydb.</summary>
public class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
