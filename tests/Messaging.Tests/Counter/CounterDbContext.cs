using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Tests.Counter;

/// <summary>Plays a service's own DbContext: its saga table next to one of its own tables.</summary>
public sealed class CounterDbContext(DbContextOptions<CounterDbContext> options) : DbContext(options)
{
    public DbSet<CounterState> Counters => Set<CounterState>();
    public DbSet<CounterLog> Logs => Set<CounterLog>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapSaga<CounterState>("counter_saga", saga => saga.Property(s => s.CurrentState).HasMaxLength(64));

        modelBuilder.Entity<CounterLog>(log =>
        {
            log.ToTable("counter_log");
            log.HasKey(l => l.Id);
            log.Property(l => l.Id).ValueGeneratedNever();
        });

        modelBuilder.AddMessagingTables();
    }
}
