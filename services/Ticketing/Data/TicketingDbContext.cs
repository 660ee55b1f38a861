using CustomerPlatform.Messaging;
using CustomerPlatform.Ticketing.KnowledgeBase;
using CustomerPlatform.Ticketing.Returns;
using CustomerPlatform.Ticketing.Macros;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CustomerPlatform.Ticketing;

/// <summary>The Ticketing service's own database, ticketingdb: tickets and their threads, the staff directory, and messaging.</summary>
public class TicketingDbContext(DbContextOptions<TicketingDbContext> options) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> Messages => Set<TicketMessage>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<TicketAttachment> Attachments => Set<TicketAttachment>();
    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();
    public DbSet<TicketCall> Calls => Set<TicketCall>();
    public DbSet<FeedbackItem> Feedback => Set<FeedbackItem>();
    public DbSet<SatisfactionRating> SatisfactionRatings => Set<SatisfactionRating>();
    public DbSet<KbArticle> KbArticles => Set<KbArticle>();
    public DbSet<KbArticleVersion> KbArticleVersions => Set<KbArticleVersion>();
    public DbSet<KbCategory> KbCategories => Set<KbCategory>();
    public DbSet<KbSession> KbSessions => Set<KbSession>();
    public DbSet<KbDeflection> KbDeflections => Set<KbDeflection>();
    public DbSet<SupportOrder> SupportOrders => Set<SupportOrder>();
    public DbSet<ProductReturn> Returns => Set<ProductReturn>();
    public DbSet<Macro> Macros => Set<Macro>();
    public DbSet<CustomerManager> CustomerManagers => Set<CustomerManager>();
    public DbSet<CustomerLoyaltyTier> CustomerLoyaltyTiers => Set<CustomerLoyaltyTier>();
    public DbSet<ChatSession> Chats => Set<ChatSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.HasKey(t => t.Id);
            ticket.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
            ticket.Property(t => t.Number).HasColumnName("number").UseIdentityByDefaultColumn();
            ticket.HasIndex(t => t.Number).HasDatabaseName("ux_tickets_number").IsUnique();
            ticket.Property(t => t.CustomerId).HasColumnName("customer_id");
            ticket.Property(t => t.CustomerEmail).HasColumnName("customer_email");
            ticket.Property(t => t.CustomerName).HasColumnName("customer_name");
            ticket.Property(t => t.AssigneeId).HasColumnName("assignee_id");
            ticket.Property(t => t.Queue).HasColumnName("queue").HasMaxLength(50);
            ticket.Property(t => t.HomeQueue).HasColumnName("home_queue").HasMaxLength(50);
            ticket.Property(t => t.Skill).HasColumnName("skill").HasMaxLength(50);
            ticket.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(100);
            ticket.Property(t => t.Subject).HasColumnName("subject");
            ticket.Property(t => t.Status).HasColumnName("status").HasMaxLength(20);
            ticket.Property(t => t.Priority).HasColumnName("priority").HasMaxLength(20).HasDefaultValue(TicketPriorities.Normal);
            ticket.Property(t => t.Channel).HasColumnName("channel").HasMaxLength(20).HasDefaultValue(TicketChannels.Web);
            ticket.Property(t => t.Tags).HasColumnName("tags").HasDefaultValueSql("'{}'::text[]");
            ticket.Property(t => t.OrderId).HasColumnName("order_id").HasMaxLength(64);
            ticket.Property(t => t.FollowUpOf).HasColumnName("follow_up_of");
            ticket.Property(t => t.SolvedAt).HasColumnName("solved_at");
            ticket.Property(t => t.ClosedAt).HasColumnName("closed_at");
            ticket.Property(t => t.MergedInto).HasColumnName("merged_into");
            ticket.Property(t => t.SatisfactionAskedAt).HasColumnName("satisfaction_asked_at");
            ticket.Property(t => t.CorrelationId).HasColumnName("correlation_id");
            ticket.Property(t => t.CreatedAt).HasColumnName("created_at");
            ticket.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            ticket.Property(t => t.Sla).HasColumnName("sla").HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, JsonColumn.Options),
                v => JsonSerializer.Deserialize<SlaClock>(v, JsonColumn.Options),
                // The clock is mutable: EF keeps a copy to compare with, not the same instance.
                new ValueComparer<SlaClock?>(
                    (a, b) => JsonSerializer.Serialize(a, JsonColumn.Options) == JsonSerializer.Serialize(b, JsonColumn.Options),
                    v => JsonSerializer.Serialize(v, JsonColumn.Options).GetHashCode(),
                    v => v == null ? null : JsonSerializer.Deserialize<SlaClock>(JsonSerializer.Serialize(v, JsonColumn.Options), JsonColumn.Options)));
            ticket.Property(t => t.SlaDueAt).HasColumnName("sla_due_at");
            ticket.Property(t => t.SlaBreached).HasColumnName("sla_breached");
            ticket.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);

            // The three ways a list is asked for (TicketAccess.VisibleBranches): a customer's own, a staff member's, the
            // support queue's. Each branch of a list reads its page off one of these: newest first, of one status newest
            // first, or soonest SLA due first ("breaching soon"); the INCLUDEd columns are the branch's other tests
            // (assignee=none, breached, not in the queue), so its count reads the index alone. Few tickets have a queue.
            ticket.HasIndex(t => new { t.CustomerId, t.CreatedAt }).HasDatabaseName("ix_tickets_customer_created").IsDescending(false, true);
            ticket.HasIndex(t => new { t.AssigneeId, t.CreatedAt }).HasDatabaseName("ix_tickets_assignee_created").IsDescending(false, true);
            ticket.HasIndex(t => new { t.AssigneeId, t.Status, t.CreatedAt }).HasDatabaseName("ix_tickets_assignee_status_created")
                .IsDescending(false, false, true).IncludeProperties(t => t.Queue);
            ticket.HasIndex(t => new { t.AssigneeId, t.SlaDueAt }).HasDatabaseName("ix_tickets_assignee_sla_due")
                .IncludeProperties(t => new { t.SlaBreached, t.Queue }).HasFilter("sla_due_at IS NOT NULL");
            ticket.HasIndex(t => new { t.Queue, t.CreatedAt }).HasDatabaseName("ix_tickets_queue_created").IsDescending(false, true)
                .HasFilter("queue IS NOT NULL");
            ticket.HasIndex(t => new { t.Queue, t.Status, t.CreatedAt }).HasDatabaseName("ix_tickets_queue_status_created")
                .IsDescending(false, false, true).IncludeProperties(t => t.AssigneeId).HasFilter("queue IS NOT NULL");
            ticket.HasIndex(t => new { t.Queue, t.SlaDueAt }).HasDatabaseName("ix_tickets_queue_sla_due")
                .IncludeProperties(t => t.SlaBreached).HasFilter("queue IS NOT NULL AND sla_due_at IS NOT NULL");
            // "Breaching soon" across every ticket (admins): the open tickets whose next SLA target falls due first.
            ticket.HasIndex(t => t.SlaDueAt).HasDatabaseName("ix_tickets_sla_due").HasFilter("sla_due_at IS NOT NULL");
            // The migration QueueViewIndexes also adds statistics on (queue, status) together: the queue holds new tickets.
        });

        modelBuilder.Entity<TicketMessage>(message =>
        {
            message.ToTable("ticket_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            message.Property(m => m.TicketId).HasColumnName("ticket_id");
            message.Property(m => m.Channel).HasColumnName("channel").HasMaxLength(20).HasDefaultValue(TicketChannels.Web);
            message.Property(m => m.EmailMessageId).HasColumnName("email_message_id");
            // An email's answer names the earlier emails of the conversation: they find the thread.
            message.HasIndex(m => m.EmailMessageId).HasDatabaseName("ux_ticket_messages_email_message_id").IsUnique().HasFilter("email_message_id IS NOT NULL");
            message.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
            message.Property(m => m.AuthorId).HasColumnName("author_id");
            message.Property(m => m.AuthorName).HasColumnName("author_name");
            message.Property(m => m.AuthorRole).HasColumnName("author_role").HasMaxLength(20);
            message.Property(m => m.Body).HasColumnName("body");
            message.Property(m => m.Internal).HasColumnName("internal");
            message.Property(m => m.SentimentScore).HasColumnName("sentiment_score");
            message.Property(m => m.SentimentLabel).HasColumnName("sentiment_label").HasMaxLength(20);
            message.Property(m => m.CreatedAt).HasColumnName("created_at");
            message.HasIndex(m => new { m.TicketId, m.CreatedAt }).HasDatabaseName("ix_ticket_messages_ticket_created");
        });

        modelBuilder.Entity<TicketAttachment>(attachment =>
        {
            attachment.ToTable("ticket_attachments");
            attachment.HasKey(a => a.Id);
            attachment.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            attachment.Property(a => a.TicketId).HasColumnName("ticket_id");
            attachment.Property(a => a.MessageId).HasColumnName("message_id");
            attachment.Property(a => a.Position).HasColumnName("position");
            attachment.Property(a => a.FileName).HasColumnName("file_name");
            attachment.Property(a => a.ContentType).HasColumnName("content_type");
            attachment.Property(a => a.Size).HasColumnName("size");
            attachment.Property(a => a.Content).HasColumnName("content");
            attachment.Property(a => a.CreatedAt).HasColumnName("created_at");
            attachment.Property(a => a.Kept).HasColumnName("kept");
            attachment.HasIndex(a => a.MessageId).HasDatabaseName("ix_ticket_attachments_message");
        });

        modelBuilder.Entity<TicketCall>(call =>
        {
            call.ToTable("ticket_calls");
            call.HasKey(c => c.MessageId);
            call.Property(c => c.MessageId).HasColumnName("message_id").ValueGeneratedNever();
            call.Property(c => c.TicketId).HasColumnName("ticket_id");
            call.Property(c => c.Direction).HasColumnName("direction").HasMaxLength(20);
            call.Property(c => c.CallerName).HasColumnName("caller_name");
            call.Property(c => c.CallerPhone).HasColumnName("caller_phone");
            call.Property(c => c.DurationSeconds).HasColumnName("duration_seconds");
            call.Property(c => c.LoggedBy).HasColumnName("logged_by");
            call.Property(c => c.CreatedAt).HasColumnName("created_at");
            call.HasOne<TicketMessage>().WithOne().HasForeignKey<TicketCall>(c => c.MessageId).OnDelete(DeleteBehavior.Cascade);
            call.HasIndex(c => new { c.LoggedBy, c.CreatedAt }).HasDatabaseName("ix_ticket_calls_logged_by_created");
        });

        modelBuilder.Entity<FeedbackItem>(feedback =>
        {
            feedback.ToTable("feedback_items");
            feedback.HasKey(f => f.Id);
            feedback.Property(f => f.Id).HasColumnName("id").ValueGeneratedNever();
            feedback.Property(f => f.Source).HasColumnName("source").HasMaxLength(50);
            feedback.Property(f => f.ExternalId).HasColumnName("external_id").HasMaxLength(200);
            feedback.Property(f => f.Author).HasColumnName("author");
            feedback.Property(f => f.AuthorEmail).HasColumnName("author_email");
            feedback.Property(f => f.Text).HasColumnName("text");
            feedback.Property(f => f.Link).HasColumnName("link");
            feedback.Property(f => f.Rating).HasColumnName("rating");
            feedback.Property(f => f.SentimentScore).HasColumnName("sentiment_score");
            feedback.Property(f => f.SentimentLabel).HasColumnName("sentiment_label").HasMaxLength(20);
            feedback.Property(f => f.PostedAt).HasColumnName("posted_at");
            feedback.Property(f => f.ReceivedAt).HasColumnName("received_at");
            feedback.Property(f => f.TicketId).HasColumnName("ticket_id");
            feedback.HasIndex(f => new { f.Source, f.ExternalId }).HasDatabaseName("ux_feedback_items_source_external").IsUnique();
            feedback.HasIndex(f => f.ReceivedAt).HasDatabaseName("ix_feedback_items_received");
        });

        modelBuilder.Entity<CustomerManager>(manager =>
        {
            manager.ToTable("customer_managers");
            manager.HasKey(m => m.CustomerId);
            manager.Property(m => m.CustomerId).HasColumnName("customer_id").ValueGeneratedNever();
            manager.Property(m => m.ManagerId).HasColumnName("manager_id");
            manager.Property(m => m.ManagerName).HasColumnName("manager_name");
            manager.Property(m => m.ManagerEmail).HasColumnName("manager_email");
            manager.Property(m => m.AssignedAt).HasColumnName("assigned_at");
        });

        modelBuilder.Entity<CustomerLoyaltyTier>(tier =>
        {
            tier.ToTable("customer_loyalty_tiers");
            tier.HasKey(t => t.CustomerId);
            tier.Property(t => t.CustomerId).HasColumnName("customer_id").ValueGeneratedNever();
            tier.Property(t => t.Tier).HasColumnName("tier").HasMaxLength(100);
            tier.Property(t => t.ChangedAt).HasColumnName("changed_at");
        });

        modelBuilder.Entity<Macro>(macro =>
        {
            macro.ToTable("macros");
            macro.HasKey(m => m.Id);
            macro.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            macro.Property(m => m.Name).HasColumnName("name").HasMaxLength(100);
            macro.Property(m => m.Body).HasColumnName("body");
            macro.Property(m => m.Internal).HasColumnName("internal");
            macro.Property(m => m.SetStatus).HasColumnName("set_status").HasMaxLength(20);
            macro.Property(m => m.SetPriority).HasColumnName("set_priority").HasMaxLength(20);
            macro.Property(m => m.AddTags).HasColumnName("add_tags");
            macro.Property(m => m.RemoveTags).HasColumnName("remove_tags");
            macro.Property(m => m.Active).HasColumnName("active");
            macro.Property(m => m.CreatedBy).HasColumnName("created_by");
            macro.Property(m => m.CreatedAt).HasColumnName("created_at");
            macro.Property(m => m.UpdatedAt).HasColumnName("updated_at");
            // One active macro per name; retired ones keep theirs.
            macro.HasIndex(m => m.Name).HasDatabaseName("ux_macros_active_name").IsUnique().HasFilter("active");
        });

        modelBuilder.Entity<SupportOrder>(order =>
        {
            order.ToTable("support_orders");
            order.HasKey(o => o.OrderId);
            order.Property(o => o.OrderId).HasColumnName("order_id").HasMaxLength(64).ValueGeneratedNever();
            order.Property(o => o.CustomerId).HasColumnName("customer_id");
            order.Property(o => o.Email).HasColumnName("email");
            order.Property(o => o.CustomerName).HasColumnName("customer_name");
            order.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3);
            order.Property(o => o.Lines).HasColumnName("lines").HasJsonConversion().HasDefaultValueSql("'[]'::jsonb");
            order.Property(o => o.PlacedAt).HasColumnName("placed_at");
            order.Property(o => o.DeliveredAt).HasColumnName("delivered_at");
            order.Property(o => o.CancelledAt).HasColumnName("cancelled_at");
            order.Property(o => o.Total).HasColumnName("total").HasPrecision(18, 4);
            // A customer's latest orders, beside their tickets (TicketContextApi).
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt }).HasDatabaseName("ix_support_orders_customer_placed").IsDescending(false, true);
        });

        modelBuilder.Entity<ProductReturn>(productReturn =>
        {
            productReturn.ToTable("returns");
            productReturn.HasKey(r => r.Id);
            productReturn.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
            productReturn.Property(r => r.Number).HasColumnName("number").UseIdentityByDefaultColumn();
            productReturn.HasIndex(r => r.Number).HasDatabaseName("ux_returns_number").IsUnique();
            productReturn.Property(r => r.OrderId).HasColumnName("order_id").HasMaxLength(64);
            productReturn.Property(r => r.CustomerId).HasColumnName("customer_id");
            productReturn.Property(r => r.CustomerEmail).HasColumnName("customer_email");
            productReturn.Property(r => r.CustomerName).HasColumnName("customer_name");
            productReturn.Property(r => r.Status).HasColumnName("status").HasMaxLength(20);
            productReturn.Property(r => r.Reason).HasColumnName("reason");
            productReturn.Property(r => r.Lines).HasColumnName("lines").HasJsonConversion();
            productReturn.Property(r => r.Value).HasColumnName("value").HasPrecision(18, 4);
            productReturn.Property(r => r.Currency).HasColumnName("currency").HasMaxLength(3);
            productReturn.Property(r => r.NeedsReview).HasColumnName("needs_review");
            productReturn.Property(r => r.RequestedAt).HasColumnName("requested_at");
            productReturn.Property(r => r.DecidedAt).HasColumnName("decided_at");
            productReturn.Property(r => r.DecidedBy).HasColumnName("decided_by");
            productReturn.Property(r => r.DecisionNote).HasColumnName("decision_note");
            productReturn.Property(r => r.ReceivedAt).HasColumnName("received_at");
            productReturn.Property(r => r.ReceivedBy).HasColumnName("received_by");
            productReturn.Property(r => r.RefundedAt).HasColumnName("refunded_at");
            productReturn.Property(r => r.UpdatedAt).HasColumnName("updated_at");
            productReturn.HasOne<SupportOrder>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
            // The customer's list and the policy's count; the order's returns; the agents' review queue.
            productReturn.HasIndex(r => new { r.CustomerId, r.RequestedAt }).HasDatabaseName("ix_returns_customer_requested").IsDescending(false, true);
            productReturn.HasIndex(r => r.OrderId).HasDatabaseName("ix_returns_order");
            productReturn.HasIndex(r => new { r.Status, r.RequestedAt }).HasDatabaseName("ix_returns_status_requested");
        });

        modelBuilder.Entity<CustomerContact>(contact =>
        {
            contact.ToTable("customer_contacts");
            contact.HasKey(c => c.CustomerId);
            contact.Property(c => c.CustomerId).HasColumnName("customer_id").ValueGeneratedNever();
            contact.Property(c => c.Email).HasColumnName("email");
            contact.Property(c => c.DisplayName).HasColumnName("display_name");
            contact.Property(c => c.VerifiedAt).HasColumnName("verified_at");
            contact.Property(c => c.ChangedAt).HasColumnName("changed_at");
            contact.HasIndex(c => c.Email).HasDatabaseName("ix_customer_contacts_email");
        });

        modelBuilder.Entity<ChatSession>(chat =>
        {
            chat.ToTable("chats");
            chat.HasKey(c => c.TicketId);
            chat.Property(c => c.TicketId).HasColumnName("ticket_id").ValueGeneratedNever();
            chat.Property(c => c.CustomerId).HasColumnName("customer_id");
            chat.Property(c => c.Status).HasColumnName("status").HasMaxLength(20);
            chat.Property(c => c.Queue).HasColumnName("queue").HasMaxLength(50);
            chat.Property(c => c.AgentId).HasColumnName("agent_id");
            chat.Property(c => c.StartedAt).HasColumnName("started_at");
            chat.Property(c => c.TakeBy).HasColumnName("take_by");
            chat.Property(c => c.TakenAt).HasColumnName("taken_at");
            chat.Property(c => c.EndedAt).HasColumnName("ended_at");
            chat.Property(c => c.CustomerReadUpTo).HasColumnName("customer_read_up_to");
            chat.Property(c => c.CustomerReadAt).HasColumnName("customer_read_at");
            chat.Property(c => c.AgentReadUpTo).HasColumnName("agent_read_up_to");
            chat.Property(c => c.AgentReadAt).HasColumnName("agent_read_at");
            chat.HasOne<Ticket>().WithOne().HasForeignKey<ChatSession>(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
            // One waiting or live chat per customer: a second start meets this index (409), however close the two come.
            chat.HasIndex(c => c.CustomerId).HasDatabaseName(ChatService.OneOpenChat).IsUnique()
                .HasFilter("status IN ('waiting', 'live')");
            chat.HasIndex(c => new { c.CustomerId, c.StartedAt }).HasDatabaseName("ix_chats_customer_started");
            // The consoles' lists: the waiting chats, and each agent's live ones.
            chat.HasIndex(c => new { c.Status, c.StartedAt }).HasDatabaseName("ix_chats_status_started")
                .HasFilter("status IN ('waiting', 'live')");
            chat.HasIndex(c => new { c.AgentId, c.Status }).HasDatabaseName("ix_chats_agent_status");
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
            staff.Property(s => s.Queues).HasColumnName("queues").HasDefaultValueSql("ARRAY['support']::text[]");
            staff.Property(s => s.Skills).HasColumnName("skills").HasDefaultValueSql("ARRAY[]::text[]");
            staff.Property(s => s.Capacity).HasColumnName("capacity");
            staff.Property(s => s.Available).HasColumnName("available");
            staff.Property(s => s.LastRoutedAt).HasColumnName("last_routed_at");
        });

        modelBuilder.Entity<SatisfactionRating>(rating =>
        {
            rating.ToTable("satisfaction_ratings");
            rating.HasKey(r => r.TicketId);
            rating.Property(r => r.TicketId).HasColumnName("ticket_id").ValueGeneratedNever();
            rating.Property(r => r.CustomerId).HasColumnName("customer_id");
            rating.Property(r => r.AgentId).HasColumnName("agent_id");
            rating.Property(r => r.Queue).HasColumnName("queue").HasMaxLength(50);
            rating.Property(r => r.Channel).HasColumnName("channel").HasMaxLength(20);
            rating.Property(r => r.Score).HasColumnName("score");
            rating.Property(r => r.Comment).HasColumnName("comment");
            rating.Property(r => r.CommentSentimentScore).HasColumnName("comment_sentiment_score");
            rating.Property(r => r.CommentSentimentLabel).HasColumnName("comment_sentiment_label").HasMaxLength(20);
            rating.Property(r => r.RatedAt).HasColumnName("rated_at");
            rating.ToTable(t => t.HasCheckConstraint("ck_satisfaction_ratings_score", "score BETWEEN 1 AND 5"));
            rating.HasOne<Ticket>().WithOne().HasForeignKey<SatisfactionRating>(r => r.TicketId).OnDelete(DeleteBehavior.Cascade);
            // The reports: per agent and per period.
            rating.HasIndex(r => new { r.AgentId, r.RatedAt }).HasDatabaseName("ix_satisfaction_ratings_agent_rated");
            rating.HasIndex(r => r.RatedAt).HasDatabaseName("ix_satisfaction_ratings_rated");
        });

        modelBuilder.Entity<KbCategory>(category =>
        {
            category.ToTable("kb_categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            category.Property(c => c.Slug).HasColumnName("slug").HasMaxLength(100);
            category.Property(c => c.Name).HasColumnName("name").HasMaxLength(100);
            category.Property(c => c.Position).HasColumnName("position");
            category.HasIndex(c => c.Slug).IsUnique().HasDatabaseName("ux_kb_categories_slug");
        });

        // The article's full-text column, search (title weight A, text weight B, english), is generated by PostgreSQL and
        // read only by ArticleSearch's SQL: the migration AddKnowledgeBase declares it and its GIN index.
        modelBuilder.Entity<KbArticle>(article =>
        {
            article.ToTable("kb_articles");
            article.HasKey(a => a.Id);
            article.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            article.Property(a => a.Slug).HasColumnName("slug").HasMaxLength(100);
            article.Property(a => a.CategoryId).HasColumnName("category_id");
            article.Property(a => a.Visibility).HasColumnName("visibility").HasMaxLength(20);
            article.Property(a => a.LatestVersion).HasColumnName("latest_version");
            article.Property(a => a.PublishedVersion).HasColumnName("published_version");
            article.Property(a => a.Title).HasColumnName("title");
            article.Property(a => a.BodyMarkdown).HasColumnName("body_markdown");
            article.Property(a => a.BodyHtml).HasColumnName("body_html");
            article.Property(a => a.BodyText).HasColumnName("body_text");
            article.Property(a => a.Excerpt).HasColumnName("excerpt");
            article.Property(a => a.PublishedAt).HasColumnName("published_at");
            article.Property(a => a.HelpfulYes).HasColumnName("helpful_yes");
            article.Property(a => a.HelpfulNo).HasColumnName("helpful_no");
            article.Property(a => a.CreatedAt).HasColumnName("created_at");
            article.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            article.HasIndex(a => a.Slug).IsUnique().HasDatabaseName("ux_kb_articles_slug");
            article.HasIndex(a => a.CategoryId).HasDatabaseName("ix_kb_articles_category");
            article.HasOne<KbCategory>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<KbArticleVersion>(version =>
        {
            version.ToTable("kb_article_versions");
            version.HasKey(v => new { v.ArticleId, v.Version });
            version.Property(v => v.ArticleId).HasColumnName("article_id");
            version.Property(v => v.Version).HasColumnName("version");
            version.Property(v => v.Title).HasColumnName("title");
            version.Property(v => v.BodyMarkdown).HasColumnName("body_markdown");
            version.Property(v => v.AuthorId).HasColumnName("author_id");
            version.Property(v => v.AuthorName).HasColumnName("author_name");
            version.Property(v => v.CreatedAt).HasColumnName("created_at");
            version.Property(v => v.PublishedAt).HasColumnName("published_at");
            version.HasOne<KbArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<KbSession>(session =>
        {
            session.ToTable("kb_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
            session.Property(s => s.CustomerId).HasColumnName("customer_id");
            session.Property(s => s.StartedAt).HasColumnName("started_at");
            session.HasIndex(s => s.StartedAt).HasDatabaseName("ix_kb_sessions_started");
        });

        modelBuilder.Entity<KbDeflection>(deflection =>
        {
            deflection.ToTable("kb_deflections");
            deflection.HasKey(d => d.Id);
            deflection.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
            deflection.Property(d => d.ArticleId).HasColumnName("article_id");
            deflection.Property(d => d.CustomerId).HasColumnName("customer_id");
            deflection.Property(d => d.Query).HasColumnName("query");
            deflection.Property(d => d.At).HasColumnName("at");
            deflection.HasIndex(d => d.At).HasDatabaseName("ix_kb_deflections_at");
            deflection.HasOne<KbArticle>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
