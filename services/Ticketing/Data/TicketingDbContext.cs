using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>The Ticketing service's own database, ticketingdb: tickets and their threads, the staff directory, and messaging.</summary>
public class TicketingDbContext(DbContextOptions<TicketingDbContext> options) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> Messages => Set<TicketMessage>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.HasKey(t => t.Id);
            ticket.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
            ticket.Property(t => t.CustomerId).HasColumnName("customer_id");
            ticket.Property(t => t.CustomerEmail).HasColumnName("customer_email");
            ticket.Property(t => t.CustomerName).HasColumnName("customer_name");
            ticket.Property(t => t.AssigneeId).HasColumnName("assignee_id");
            ticket.Property(t => t.Queue).HasColumnName("queue").HasMaxLength(50);
            ticket.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(100);
            ticket.Property(t => t.Subject).HasColumnName("subject");
            ticket.Property(t => t.Status).HasColumnName("status").HasMaxLength(20);
            ticket.Property(t => t.CorrelationId).HasColumnName("correlation_id");
            ticket.Property(t => t.CreatedAt).HasColumnName("created_at");
            ticket.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            ticket.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);

            // The three ways a list is asked for: a customer's own, a staff member's, the support queue's.
            ticket.HasIndex(t => new { t.CustomerId, t.CreatedAt }).HasDatabaseName("ix_tickets_customer_created").IsDescending(false, true);
            ticket.HasIndex(t => new { t.AssigneeId, t.CreatedAt }).HasDatabaseName("ix_tickets_assignee_created").IsDescending(false, true);
            ticket.HasIndex(t => new { t.Queue, t.CreatedAt }).HasDatabaseName("ix_tickets_queue_created").IsDescending(false, true);
        });

        modelBuilder.Entity<TicketMessage>(message =>
        {
            message.ToTable("ticket_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            message.Property(m => m.TicketId).HasColumnName("ticket_id");
            message.Property(m => m.AuthorId).HasColumnName("author_id");
            message.Property(m => m.AuthorName).HasColumnName("author_name");
            message.Property(m => m.AuthorRole).HasColumnName("author_role").HasMaxLength(20);
            message.Property(m => m.Body).HasColumnName("body");
            message.Property(m => m.CreatedAt).HasColumnName("created_at");
            message.HasIndex(m => new { m.TicketId, m.CreatedAt }).HasDatabaseName("ix_ticket_messages_ticket_created");
        });

        modelBuilder.Entity<StaffMember>(staff =>
        {
            staff.ToTable("staff_members");
            staff.HasKey(s => s.Id);
            staff.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            staff.Property(s => s.Email).HasColumnName("email");
            staff.Property(s => s.DisplayName).HasColumnName("display_name");
            staff.Property(s => s.Roles).HasColumnName("roles");
            staff.Property(s => s.Active).HasColumnName("active");
            staff.Property(s => s.ChangedAt).HasColumnName("changed_at");
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
