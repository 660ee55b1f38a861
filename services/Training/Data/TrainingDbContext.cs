using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training;

/// <summary>The Training service's own database, trainingdb: courses and their versions, enrollments, attempts, and messaging.</summary>
public class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : DbContext(options)
{
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseVersion> CourseVersions => Set<CourseVersion>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<AttemptGrant> AttemptGrants => Set<AttemptGrant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Course>(course =>
        {
            course.ToTable("courses");
            course.HasKey(c => c.Id);
            course.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            course.Property(c => c.Level).HasColumnName("level").HasMaxLength(20);
            course.Property(c => c.CreatedAt).HasColumnName("created_at");
            course.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.CourseId);
        });

        modelBuilder.Entity<CourseVersion>(version =>
        {
            version.ToTable("course_versions");
            version.HasKey(v => new { v.CourseId, v.Version });
            version.Property(v => v.CourseId).HasColumnName("course_id");
            version.Property(v => v.Version).HasColumnName("version").ValueGeneratedNever();
            version.Property(v => v.Status).HasColumnName("status").HasMaxLength(20);
            version.Property(v => v.Title).HasColumnName("title").HasMaxLength(200);
            version.Property(v => v.Description).HasColumnName("description");
            version.Property(v => v.Content).HasColumnName("content").HasJsonConversion();
            version.Property(v => v.CreatedAt).HasColumnName("created_at");
            version.Property(v => v.PublishedAt).HasColumnName("published_at");
            version.Property(v => v.RowVersion).IsRowVersion();
            version.Ignore(v => v.IsDraft);

            // At most one draft per course: the next version is authored in one place.
            version.HasIndex(v => v.CourseId).HasDatabaseName("ux_course_versions_one_draft").IsUnique()
                .HasFilter("status = 'draft'");
        });

        modelBuilder.Entity<Enrollment>(enrollment =>
        {
            enrollment.ToTable("enrollments");
            enrollment.HasKey(e => e.Id);
            enrollment.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            enrollment.Property(e => e.CustomerId).HasColumnName("customer_id");
            enrollment.Property(e => e.CourseId).HasColumnName("course_id");
            enrollment.Property(e => e.CourseVersion).HasColumnName("course_version");
            enrollment.Property(e => e.Level).HasColumnName("level").HasMaxLength(20);
            enrollment.Property(e => e.Status).HasColumnName("status").HasMaxLength(30);
            enrollment.Property(e => e.AttemptsAllowed).HasColumnName("attempts_allowed");
            enrollment.Property(e => e.AttemptsUsed).HasColumnName("attempts_used");
            enrollment.Property(e => e.BestScore).HasColumnName("best_score").HasPrecision(5, 2);
            enrollment.Property(e => e.Passed).HasColumnName("passed");
            enrollment.Property(e => e.CompletedModules).HasColumnName("completed_modules");
            enrollment.Property(e => e.AppliedReopens).HasColumnName("applied_reopens");
            enrollment.Property(e => e.AttemptStartedAt).HasColumnName("attempt_started_at");
            enrollment.Property(e => e.EnrolledAt).HasColumnName("enrolled_at");
            enrollment.Property(e => e.CompletedAt).HasColumnName("completed_at");
            enrollment.Property(e => e.CorrelationId).HasColumnName("correlation_id");
            enrollment.Property(e => e.RowVersion).IsRowVersion();
            enrollment.Ignore(e => e.AttemptsLeft);
            enrollment.Ignore(e => e.NextAttemptNumber);

            // EnrollInCourse is idempotent by customer and course; the index also serves "my enrollments".
            enrollment.HasIndex(e => new { e.CustomerId, e.CourseId }).HasDatabaseName("ux_enrollments_customer_course").IsUnique();
            enrollment.HasOne<CourseVersion>().WithMany().HasForeignKey(e => new { e.CourseId, e.CourseVersion }).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<QuizAttempt>(attempt =>
        {
            attempt.ToTable("quiz_attempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            attempt.Property(a => a.EnrollmentId).HasColumnName("enrollment_id");
            attempt.Property(a => a.CustomerId).HasColumnName("customer_id");
            attempt.Property(a => a.Number).HasColumnName("number");
            attempt.Property(a => a.Answers).HasColumnName("answers").HasJsonConversion();
            attempt.Property(a => a.Score).HasColumnName("score").HasPrecision(5, 2);
            attempt.Property(a => a.Passed).HasColumnName("passed");
            attempt.Property(a => a.StartedAt).HasColumnName("started_at");
            attempt.Property(a => a.SubmittedAt).HasColumnName("submitted_at");
            attempt.HasIndex(a => new { a.EnrollmentId, a.Number }).HasDatabaseName("ux_quiz_attempts_enrollment_number").IsUnique();
            attempt.HasOne<Enrollment>().WithMany().HasForeignKey(a => a.EnrollmentId);
        });

        modelBuilder.Entity<AttemptGrant>(grant =>
        {
            grant.ToTable("attempt_grants");
            grant.HasKey(g => g.Id);
            grant.Property(g => g.Id).HasColumnName("id").ValueGeneratedNever();
            grant.Property(g => g.EnrollmentId).HasColumnName("enrollment_id");
            grant.Property(g => g.Count).HasColumnName("count");
            grant.Property(g => g.Reason).HasColumnName("reason").HasMaxLength(1000);
            grant.Property(g => g.GrantedBy).HasColumnName("granted_by");
            grant.Property(g => g.GrantedAt).HasColumnName("granted_at");
            grant.HasIndex(g => g.EnrollmentId).HasDatabaseName("ix_attempt_grants_enrollment");
            grant.HasOne<Enrollment>().WithMany().HasForeignKey(g => g.EnrollmentId);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
