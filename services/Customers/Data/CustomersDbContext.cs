using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers;

/// <summary>The Customers service's own database, customersdb: profiles, the store's orders and their events, and messaging.</summary>
public class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options)
{
    /// <summary>
    /// What the trigram search reads: name, the address's part before its '@', company and phone digits, lower case.
    /// The domain is left out: a third of customers share each of the big mail domains, so its trigrams would make
    /// every typo'd address look like tens of thousands of others (SearchApi matches whole addresses by edit distance).
    /// </summary>
    public const string SearchTextSql =
        "lower(display_name || ' ' || split_part(email, '@', 1) || ' ' || coalesce(company, '')) || ' ' || phone_digits";

    /// <summary>What the full-text search reads: the words of the name, the company and the address (its parts split at '@' and '.').</summary>
    public const string SearchWordsSql =
        "to_tsvector('simple', display_name || ' ' || coalesce(company, '') || ' ' || translate(email, '@.', '  '))";

    public DbSet<CustomerProfile> Profiles => Set<CustomerProfile>();
    public DbSet<ProfileChange> ProfileChanges => Set<ProfileChange>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<ReceivedOrderEvent> OrderEvents => Set<ReceivedOrderEvent>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<CoPurchase> CoPurchases => Set<CoPurchase>();
    public DbSet<ItemStats> ItemStats => Set<ItemStats>();

    /// <summary>Records an entry once: a second one with the same source key is ignored (ON CONFLICT DO NOTHING).</summary>
    public Task<int> RecordAsync(TimelineEntry entry, CancellationToken cancellationToken) =>
        Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO timeline_entries (id, customer_id, email, at, kind, source, text, link, author_id, source_key, recorded_at, metric)
            VALUES ({entry.Id}, {entry.CustomerId}, {entry.Email}, {entry.At}, {entry.Kind}, {entry.Source}, {entry.Text}, {entry.Link},
                    {entry.AuthorId}, {entry.SourceKey}, {entry.RecordedAt}, {entry.Metric})
            ON CONFLICT (source_key) DO NOTHING
            """, cancellationToken);

    /// <summary>
    /// Held until the transaction ends, on a key (an order id, an address): two requests for one order, or an
    /// order and a sign-up for one address, wait for each other instead of missing each other's row.
    /// </summary>
    public Task LockAsync(string scope, string key, CancellationToken cancellationToken) =>
        LockAsync([(scope, key)], cancellationToken);

    /// <summary>
    /// Several keys' locks in one round trip, in the order given: one statement each in one command, which PostgreSQL
    /// runs in turn, so the order every caller relies on to never deadlock holds.
    /// </summary>
    public Task LockAsync(IReadOnlyList<(string Scope, string Key)> keys, CancellationToken cancellationToken) =>
        Database.ExecuteSqlRawAsync(
            string.Join("; ", keys.Select((_, i) => $"SELECT pg_advisory_xact_lock(hashtextextended({{{i}}}, 0))")),
            keys.Select(k => (object)(k.Scope + ":" + k.Key)), cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        // levenshtein_less_equal: an address with a typo, among those that start with the same character.
        modelBuilder.HasPostgresExtension("fuzzystrmatch");
        modelBuilder.Entity<CustomerProfile>(profile =>
        {
            profile.ToTable("customers");
            profile.HasKey(p => p.CustomerId);
            profile.Property(p => p.CustomerId).HasColumnName("customer_id").ValueGeneratedNever();
            profile.Property(p => p.Email).HasColumnName("email").HasMaxLength(320);
            profile.Property(p => p.EmailAt).HasColumnName("email_at");
            profile.Property(p => p.DisplayName).HasColumnName("display_name").HasMaxLength(200);
            profile.Property(p => p.SignedUpAt).HasColumnName("signed_up_at");
            profile.Property(p => p.EmailVerifiedAt).HasColumnName("email_verified_at");
            profile.Property(p => p.UpdatedAt).HasColumnName("updated_at");
            profile.Property(p => p.Company).HasColumnName("company").HasMaxLength(ProfileRules.MaxCompany);
            profile.Property(p => p.JobTitle).HasColumnName("job_title").HasMaxLength(ProfileRules.MaxJobTitle);
            profile.Property(p => p.TimeZone).HasColumnName("time_zone").HasMaxLength(100);
            profile.Property(p => p.Phones).HasColumnName("phones").HasJsonConversion();
            profile.Property(p => p.Addresses).HasColumnName("addresses").HasJsonConversion();
            profile.Property(p => p.Tags).HasColumnName("tags");
            profile.Property(p => p.PhoneDigits).HasColumnName("phone_digits").HasMaxLength(400);
            profile.Property(p => p.DetailsAt).HasColumnName("details_at");
            profile.Property(p => p.SuccessManagerId).HasColumnName("success_manager_id");
            profile.Property(p => p.SuccessManagerName).HasColumnName("success_manager_name").HasMaxLength(200);
            profile.Property(p => p.SuccessManagerAt).HasColumnName("success_manager_at");
            // Also read by the search, index only: the addresses that start so, each within two edits of the query.
            profile.HasIndex(p => p.Email).IncludeProperties(p => p.CustomerId).HasDatabaseName("ix_customers_email");
            profile.Property(p => p.SearchText).HasColumnName("search_text").HasComputedColumnSql(SearchTextSql, stored: true);
            // Typo-tolerant search (similarity) and substrings (LIKE) on one trigram index.
            profile.HasIndex(p => p.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_search_trgm");
            // Whole words in any order and word beginnings ("acme corp", "okon"), ranked: full-text search.
            profile.Property<NpgsqlTypes.NpgsqlTsVector>("SearchWords").HasColumnName("search_words").HasComputedColumnSql(SearchWordsSql, stored: true);
            profile.HasIndex("SearchWords").HasMethod("gin").HasDatabaseName("ix_customers_search_words");
            // Customers by tag ("every vip").
            profile.HasIndex(p => p.Tags).HasMethod("gin").HasDatabaseName("ix_customers_tags");
        });

        modelBuilder.Entity<ProfileChange>(change =>
        {
            change.ToTable("profile_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            change.Property(c => c.CustomerId).HasColumnName("customer_id");
            change.Property(c => c.At).HasColumnName("at");
            change.Property(c => c.Field).HasColumnName("field").HasMaxLength(40);
            change.Property(c => c.OldValue).HasColumnName("old_value");
            change.Property(c => c.NewValue).HasColumnName("new_value");
            change.Property(c => c.ChangedBy).HasColumnName("changed_by");
            change.Property(c => c.ChangedByName).HasColumnName("changed_by_name").HasMaxLength(200);
            change.HasIndex(c => new { c.CustomerId, c.At }).IsDescending(false, true).HasDatabaseName("ix_profile_changes_customer_at");
        });

        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).HasColumnName("id").HasMaxLength(64).ValueGeneratedNever();
            order.Property(o => o.CustomerId).HasColumnName("customer_id");
            order.Property(o => o.Email).HasColumnName("email").HasMaxLength(320);
            order.Property(o => o.CustomerName).HasColumnName("customer_name").HasMaxLength(200);
            order.Property(o => o.PlacedAt).HasColumnName("placed_at");
            order.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3);
            order.Property(o => o.Lines).HasColumnName("lines").HasJsonConversion();
            order.Property(o => o.ShippingCost).HasColumnName("shipping_cost").HasPrecision(18, 4);
            order.Property(o => o.DiscountCode).HasColumnName("discount_code").HasMaxLength(64);
            order.Property(o => o.Total).HasColumnName("total").HasPrecision(18, 4);
            order.Property(o => o.EstimatedDelivery).HasColumnName("estimated_delivery");
            order.Property(o => o.PaidAt).HasColumnName("paid_at");
            order.Property(o => o.ShippedAt).HasColumnName("shipped_at");
            order.Property(o => o.DeliveredAt).HasColumnName("delivered_at");
            order.Property(o => o.CancelledAt).HasColumnName("cancelled_at");
            order.Property(o => o.Carrier).HasColumnName("carrier").HasMaxLength(100);
            order.Property(o => o.TrackingNumber).HasColumnName("tracking_number").HasMaxLength(100);
            order.Property(o => o.RefundedAmount).HasColumnName("refunded_amount").HasPrecision(18, 4);
            order.Property(o => o.ReceivedAt).HasColumnName("received_at");
            order.Property(o => o.UpdatedAt).HasColumnName("updated_at");
            order.Ignore(o => o.Status);
            // A customer's orders, newest first; and the guest orders an address signing up takes.
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt }).HasDatabaseName("ix_orders_customer_placed");
            order.HasIndex(o => o.Email).HasDatabaseName("ix_orders_guest_email").HasFilter("customer_id IS NULL");
        });

        modelBuilder.Entity<ReceivedOrderEvent>(received =>
        {
            received.ToTable("order_events");
            received.HasKey(e => new { e.OrderId, e.EventId });
            received.Property(e => e.OrderId).HasColumnName("order_id").HasMaxLength(64);
            received.Property(e => e.EventId).HasColumnName("event_id").HasMaxLength(100);
            received.Property(e => e.Type).HasColumnName("type").HasMaxLength(20);
            received.Property(e => e.At).HasColumnName("at");
            received.Property(e => e.ReceivedAt).HasColumnName("received_at");
            received.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId);
        });

        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("timeline_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            entry.Property(e => e.CustomerId).HasColumnName("customer_id");
            entry.Property(e => e.Email).HasColumnName("email").HasMaxLength(320);
            entry.Property(e => e.At).HasColumnName("at");
            entry.Property(e => e.Kind).HasColumnName("kind").HasMaxLength(40);
            entry.Property(e => e.Source).HasColumnName("source").HasMaxLength(40);
            entry.Property(e => e.Text).HasColumnName("text").HasMaxLength(2000);
            entry.Property(e => e.Link).HasColumnName("link").HasMaxLength(300);
            entry.Property(e => e.AuthorId).HasColumnName("author_id");
            entry.Property(e => e.SourceKey).HasColumnName("source_key").HasMaxLength(200);
            entry.Property(e => e.RecordedAt).HasColumnName("recorded_at");
            entry.Property(e => e.Metric).HasColumnName("metric").HasPrecision(18, 4);
            // The analytics read one kind over a period.
            entry.HasIndex(e => new { e.Kind, e.At }).HasDatabaseName("ix_timeline_kind_at");
            entry.HasIndex(e => e.SourceKey).IsUnique().HasDatabaseName("ux_timeline_entries_source_key");
            // A customer's timeline, newest first, read a page at a time (keyset on time and id).
            entry.HasIndex(e => new { e.CustomerId, e.At, e.Id }).IsDescending(false, true, true).HasDatabaseName("ix_timeline_customer_at");
            entry.HasIndex(e => e.Email).HasDatabaseName("ix_timeline_guest_email").HasFilter("customer_id IS NULL");
        });

        modelBuilder.Entity<CoPurchase>(pair =>
        {
            pair.ToTable("co_purchases");
            pair.HasKey(p => new { p.Sku, p.OtherSku });
            pair.Property(p => p.Sku).HasColumnName("sku").HasMaxLength(64);
            pair.Property(p => p.OtherSku).HasColumnName("other_sku").HasMaxLength(64);
            pair.Property(p => p.Orders).HasColumnName("orders");
        });

        modelBuilder.Entity<ItemStats>(item =>
        {
            item.ToTable("item_stats");
            item.HasKey(i => i.Sku);
            item.Property(i => i.Sku).HasColumnName("sku").HasMaxLength(64);
            item.Property(i => i.Name).HasColumnName("name").HasMaxLength(200);
            item.Property(i => i.Category).HasColumnName("category").HasMaxLength(100);
            item.Property(i => i.Orders).HasColumnName("orders");
            item.HasIndex(i => i.Orders).HasDatabaseName("ix_item_stats_orders");
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
