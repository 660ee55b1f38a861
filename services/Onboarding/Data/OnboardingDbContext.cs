using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>The Onboarding service's own database, onboardingdb.</summary>
public class OnboardingDbContext(DbContextOptions<OnboardingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
