using CustomerPlatform.Loyalty.Captures;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Expiry;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using CustomerPlatform.Loyalty.Referrals;
using CustomerPlatform.Loyalty.Rewards;
using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty;

/// <summary>The Loyalty service's own database, loyaltydb: members, the append-only ledger, what orders earned, reward codes and how many each reward gave, the pop-up's captures, the programme's versions, referrals, expiry warnings, and messaging.</summary>
public class LoyaltyDbContext(DbContextOptions<LoyaltyDbContext> options) : DbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<OrderEarning> OrderEarnings => Set<OrderEarning>();
    public DbSet<RewardCode> RewardCodes => Set<RewardCode>();
    public DbSet<Capture> Captures => Set<Capture>();
    public DbSet<ProgrammeVersion> ProgrammeVersions => Set<ProgrammeVersion>();
    public DbSet<RewardStock> RewardStock => Set<RewardStock>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ExpiryWarning> ExpiryWarnings => Set<ExpiryWarning>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("loyalty_members");
            member.HasKey(m => m.Id);
            member.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            member.Property(m => m.Email).HasColumnName("email").HasMaxLength(320);
            member.Property(m => m.CustomerId).HasColumnName("customer_id");
            member.Property(m => m.EmailChangedAt).HasColumnName("email_changed_at");
            member.Property(m => m.Balance).HasColumnName("balance");
            member.Property(m => m.Pending).HasColumnName("pending");
            member.Property(m => m.CreatedAt).HasColumnName("created_at");
            member.Property(m => m.UpdatedAt).HasColumnName("updated_at");
            member.Property(m => m.NextExpiryCheckAt).HasColumnName("next_expiry_check_at");
            member.Property(m => m.Tier).HasColumnName("tier").HasMaxLength(100);
            member.Property(m => m.TierReviewAt).HasColumnName("tier_review_at");
            member.HasIndex(m => m.Email).IsUnique();
            // A customer has one member (ADR-033).
            member.HasIndex(m => m.CustomerId).IsUnique().HasFilter("customer_id IS NOT NULL");
            // The expiry sweep's members due (ADR-036): those with points.
            member.HasIndex(m => m.NextExpiryCheckAt).HasFilter("balance > 0");
            // The yearly tier review's members due (ADR-036): those with a stored tier.
            member.HasIndex(m => m.TierReviewAt).HasFilter("tier IS NOT NULL");
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            entry.Property(e => e.MemberId).HasColumnName("member_id");
            entry.Property(e => e.Kind).HasColumnName("kind").HasMaxLength(20);
            entry.Property(e => e.Points).HasColumnName("points");
            entry.Property(e => e.PendingPoints).HasColumnName("pending_points");
            entry.Property(e => e.OrderId).HasColumnName("order_id").HasMaxLength(64);
            entry.Property(e => e.Reason).HasColumnName("reason").HasMaxLength(500);
            entry.Property(e => e.ById).HasColumnName("by_id");
            entry.Property(e => e.ByName).HasColumnName("by_name").HasMaxLength(200);
            entry.Property(e => e.SourceKey).HasColumnName("source_key").HasMaxLength(200);
            entry.Property(e => e.At).HasColumnName("at");
            entry.Property(e => e.RecordedAt).HasColumnName("recorded_at");
            entry.Property(e => e.ProgrammeVersion).HasColumnName("programme_version");
            entry.HasIndex(e => e.SourceKey).IsUnique();
            entry.HasIndex(e => new { e.MemberId, e.RecordedAt });
            entry.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OrderEarning>(order =>
        {
            order.ToTable("order_earnings");
            order.HasKey(o => o.OrderId);
            order.Property(o => o.OrderId).HasColumnName("order_id").HasMaxLength(64);
            order.Property(o => o.MemberId).HasColumnName("member_id");
            order.Property(o => o.PlacedAt).HasColumnName("placed_at");
            order.Property(o => o.Points).HasColumnName("points");
            order.Property(o => o.ReversedPoints).HasColumnName("reversed_points");
            order.Property(o => o.ConfirmedAt).HasColumnName("confirmed_at");
            order.Property(o => o.ProgrammeVersion).HasColumnName("programme_version");
            order.HasIndex(o => o.MemberId);
            order.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrderEarningLine>(line =>
        {
            line.ToTable("order_earning_lines");
            line.HasKey(l => new { l.OrderId, l.LineNumber });
            line.Property(l => l.OrderId).HasColumnName("order_id").HasMaxLength(64);
            line.Property(l => l.LineNumber).HasColumnName("line_number").ValueGeneratedNever();
            line.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(100);
            line.Property(l => l.Category).HasColumnName("category").HasMaxLength(100);
            line.Property(l => l.Quantity).HasColumnName("quantity");
            line.Property(l => l.Points).HasColumnName("points");
            line.Property(l => l.ReversedQuantity).HasColumnName("reversed_quantity");
            line.Property(l => l.ReversedPoints).HasColumnName("reversed_points");
        });

        modelBuilder.Entity<RewardCode>(code =>
        {
            code.ToTable("reward_codes");
            code.HasKey(c => c.Code);
            code.Property(c => c.Code).HasColumnName("code").HasMaxLength(32);
            code.Property(c => c.MemberId).HasColumnName("member_id");
            code.Property(c => c.RewardId).HasColumnName("reward_id").HasMaxLength(64);
            code.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(20);
            code.Property(c => c.Value).HasColumnName("value");
            code.Property(c => c.Cost).HasColumnName("cost");
            code.Property(c => c.CreatedAt).HasColumnName("created_at");
            code.Property(c => c.ExpiresAt).HasColumnName("expires_at");
            code.Property(c => c.UsedForOrderId).HasColumnName("used_for_order_id").HasMaxLength(64);
            code.Property(c => c.UsedAt).HasColumnName("used_at");
            code.Property(c => c.ReturnedAt).HasColumnName("returned_at");
            code.HasIndex(c => new { c.MemberId, c.CreatedAt });
            // The expiry sweep's codes to give back (ADR-036): unused, not given back, bought with points.
            code.HasIndex(c => c.ExpiresAt).HasFilter("used_for_order_id IS NULL AND returned_at IS NULL AND cost > 0");
            code.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ExpiryWarning>(warning =>
        {
            warning.ToTable("loyalty_expiry_warnings");
            warning.HasKey(w => w.LotId);
            warning.Property(w => w.LotId).HasColumnName("lot_id").ValueGeneratedNever();
            warning.Property(w => w.MemberId).HasColumnName("member_id");
            warning.Property(w => w.WarnedAt).HasColumnName("warned_at");
            warning.HasIndex(w => w.MemberId);
            warning.HasOne<Member>().WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Capture>(capture =>
        {
            capture.ToTable("loyalty_captures");
            capture.HasKey(c => c.Email);
            capture.Property(c => c.Email).HasColumnName("email").HasMaxLength(320);
            capture.Property(c => c.Code).HasColumnName("code").HasMaxLength(32);
            capture.Property(c => c.Source).HasColumnName("source").HasMaxLength(200);
            capture.Property(c => c.ConsentText).HasColumnName("consent_text").HasMaxLength(300);
            capture.Property(c => c.ConsentedAt).HasColumnName("consented_at");
            capture.HasIndex(c => c.Code).IsUnique();
        });

        modelBuilder.Entity<ProgrammeVersion>(version =>
        {
            version.ToTable("programme_versions");
            version.HasKey(v => v.Version);
            version.Property(v => v.Version).HasColumnName("version").ValueGeneratedNever();
            version.Property(v => v.Document).HasColumnName("document").HasColumnType("jsonb");
            version.Property(v => v.CreatedAt).HasColumnName("created_at");
            version.Property(v => v.CreatedById).HasColumnName("created_by_id");
            version.Property(v => v.CreatedByName).HasColumnName("created_by_name").HasMaxLength(200);
            version.Property(v => v.Note).HasColumnName("note").HasMaxLength(500);
        });

        modelBuilder.Entity<RewardStock>(stock =>
        {
            stock.ToTable("reward_stock");
            stock.HasKey(s => s.RewardId);
            stock.Property(s => s.RewardId).HasColumnName("reward_id").HasMaxLength(64);
            stock.Property(s => s.Issued).HasColumnName("issued");
        });

        modelBuilder.Entity<Referral>(referral =>
        {
            referral.ToTable("loyalty_referrals");
            referral.HasKey(r => r.Email);
            referral.Property(r => r.Email).HasColumnName("email").HasMaxLength(320);
            referral.Property(r => r.ReferrerMemberId).HasColumnName("referrer_member_id");
            referral.Property(r => r.ReferredAt).HasColumnName("referred_at");
            referral.Property(r => r.RewardedOrderId).HasColumnName("rewarded_order_id").HasMaxLength(64);
            referral.HasIndex(r => r.ReferrerMemberId);
            referral.HasOne<Member>().WithMany().HasForeignKey(r => r.ReferrerMemberId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
