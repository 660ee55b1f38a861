using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>The Onboarding service's own database, onboardingdb: the journey saga, its read model, approvals, the staff directory.</summary>
public class OnboardingDbContext(DbContextOptions<OnboardingDbContext> options) : DbContext(options)
{
    public DbSet<JourneyState> JourneySagas => Set<JourneyState>();
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Integration> Integrations => Set<Integration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapSaga<JourneyState>("journey_saga", saga => saga.Property(s => s.CurrentState).HasMaxLength(64));

        modelBuilder.Entity<Journey>(journey =>
        {
            journey.ToTable("journeys");
            journey.HasKey(j => j.CustomerId);
            journey.Property(j => j.CustomerId).ValueGeneratedNever();
            journey.Property(j => j.Status).HasMaxLength(20);
            journey.Property(j => j.Steps).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<List<StepRecord>>(), JsonColumn.Comparer<List<StepRecord>>());
            journey.Property(j => j.Details).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<CustomerDetails?>(), JsonColumn.Comparer<CustomerDetails?>());
            journey.Property(j => j.Profile).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<CustomerProfile?>(), JsonColumn.Comparer<CustomerProfile?>());
            journey.Property(j => j.Survey).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<Survey?>(), JsonColumn.Comparer<Survey?>());
            journey.Property(j => j.ExploredFeatures).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());

            // The staff view of a CSM's customers.
            journey.HasIndex(j => j.SuccessManagerId).HasDatabaseName("ix_journeys_success_manager");
        });

        modelBuilder.Entity<Approval>(approval =>
        {
            approval.ToTable("approvals");
            approval.HasKey(a => a.Id);
            approval.Property(a => a.Id).ValueGeneratedNever();
            approval.Property(a => a.Status).HasMaxLength(20).IsConcurrencyToken();
            approval.Property(a => a.Reason).HasMaxLength(2000);

            // The staff queue: approvals by status, oldest first; and a CSM's own customers.
            approval.HasIndex(a => new { a.Status, a.RequestedAt }).HasDatabaseName("ix_approvals_status_requested");
            approval.HasIndex(a => a.SuccessManagerId).HasDatabaseName("ix_approvals_success_manager");
        });

        modelBuilder.Entity<StaffMember>(staff =>
        {
            staff.ToTable("staff");
            staff.HasKey(s => s.Id);
            staff.Property(s => s.Id).ValueGeneratedNever();
            staff.HasIndex(s => s.IsSuccessManager).HasDatabaseName("ix_staff_success_managers").HasFilter("is_success_manager AND active");
        });

        modelBuilder.Entity<Question>(question =>
        {
            question.ToTable("questions");
            question.HasKey(q => q.TicketId);
            question.Property(q => q.TicketId).ValueGeneratedNever();
            question.HasIndex(q => q.CustomerId).HasDatabaseName("ix_questions_customer");
        });

        modelBuilder.Entity<Integration>(integration =>
        {
            integration.ToTable("integrations");
            integration.HasKey(i => i.Id);
            integration.Property(i => i.Id).ValueGeneratedNever();
            integration.Property(i => i.Kind).HasMaxLength(40);
            integration.Property(i => i.Provider).HasMaxLength(200);
            integration.Property(i => i.Account).HasMaxLength(200);
            integration.HasIndex(i => i.CustomerId).HasDatabaseName("ix_integrations_customer");
        });

        SnakeCaseColumns(modelBuilder, typeof(JourneyState), typeof(Journey), typeof(Approval), typeof(StaffMember), typeof(Question), typeof(Integration));

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }

    // The messaging tables name their own columns; ours follow the same snake_case.
    private static void SnakeCaseColumns(ModelBuilder modelBuilder, params Type[] types)
    {
        foreach (var type in types)
        {
            foreach (var property in modelBuilder.Entity(type).Metadata.GetProperties())
                property.SetColumnName(JsonColumn.SnakeCase(property.Name));
        }
    }
}
