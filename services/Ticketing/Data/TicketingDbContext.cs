using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>The Ticketing service's own database, ticketingdb.</summary>
public class TicketingDbContext(DbContextOptions<TicketingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
