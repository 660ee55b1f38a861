using System.Text.Json;
using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerPlatform.Notifications;

/// <summary>The Notifications service's own database, notificationsdb: the delivery log (also the inbox), preferences, and messaging.</summary>
public class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string NotificationsTable = "notifications";

    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> Preferences => Set<NotificationPreference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable(NotificationsTable);
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
            notification.Property(n => n.CustomerId).HasColumnName("customer_id");
            notification.Property(n => n.CorrelationId).HasColumnName("correlation_id");
            notification.Property(n => n.Template).HasColumnName("template").HasMaxLength(100);
            notification.Property(n => n.Category).HasColumnName("category").HasMaxLength(50);
            notification.Property(n => n.Channel).HasColumnName("channel").HasMaxLength(20);
            notification.Property(n => n.Recipient).HasColumnName("recipient");
            notification.Property(n => n.RecipientName).HasColumnName("recipient_name");
            notification.Property(n => n.Subject).HasColumnName("subject");
            notification.Property(n => n.Status).HasColumnName("status").HasMaxLength(20);
            notification.Property(n => n.Attempts).HasColumnName("attempts");
            notification.Property(n => n.LastError).HasColumnName("last_error");
            notification.Property(n => n.CreatedAt).HasColumnName("created_at");
            notification.Property(n => n.SentAt).HasColumnName("sent_at");
            notification.Property(n => n.FailedAt).HasColumnName("failed_at");
            notification.Property(n => n.NextAttemptAt).HasColumnName("next_attempt_at");
            notification.Property(n => n.ReadAt).HasColumnName("read_at");
            notification.Property(n => n.Variables).HasColumnName("variables").HasColumnType("jsonb")
                .HasConversion(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                    v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
                    new ValueComparer<Dictionary<string, string>>(
                        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                        v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                        v => new Dictionary<string, string>(v)));
            notification.Property(n => n.SensitiveVariables).HasColumnName("sensitive_variables");
            notification.Property(n => n.InboxText).HasColumnName("inbox_text");
            notification.Property(n => n.InReplyTo).HasColumnName("in_reply_to");
            notification.Property(n => n.References).HasColumnName("references").HasDefaultValueSql("'{}'::text[]");
            notification.Property(n => n.ReplyTo).HasColumnName("reply_to");
            notification.Property(n => n.HtmlBody).HasColumnName("html_body");
            notification.Property(n => n.TextBody).HasColumnName("text_body");
            notification.Ignore(n => n.IsFinal);

            // The inbox and the history: one customer's notifications, newest first.
            notification.HasIndex(n => new { n.CustomerId, n.CreatedAt }).HasDatabaseName("ix_notifications_customer_created")
                .IsDescending(false, true);
        });

        modelBuilder.Entity<NotificationPreference>(preference =>
        {
            preference.ToTable("notification_preferences");
            preference.HasKey(p => new { p.CustomerId, p.Category });
            preference.Property(p => p.CustomerId).HasColumnName("customer_id");
            preference.Property(p => p.Category).HasColumnName("category").HasMaxLength(50);
            preference.Property(p => p.Email).HasColumnName("email");
            preference.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
