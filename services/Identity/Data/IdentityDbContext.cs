using CustomerPlatform.Messaging;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>
/// The Identity service's own database, identitydb: ASP.NET Core Identity's users and roles,
/// OpenIddict's clients, authorizations and tokens, the one-time account tokens, the server's keys,
/// the data protection key ring (cookies and anti-forgery tokens work on every replica), the
/// rate-limit counters, and the messaging tables of the outbox.
/// </summary>
public class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : IdentityDbContext<PlatformUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();
    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AccessRevocation> AccessRevocations => Set<AccessRevocation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict<Guid>();
        modelBuilder.MapIdentityTableNames();

        modelBuilder.Entity<PlatformUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(DisplayNameRules.MaxLength).IsRequired();
        });

        modelBuilder.Entity<AccountToken>(token =>
        {
            token.ToTable("account_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasColumnName("id");
            token.Property(t => t.UserId).HasColumnName("user_id");
            token.Property(t => t.Purpose).HasColumnName("purpose").HasMaxLength(32);
            token.Property(t => t.Hash).HasColumnName("hash");
            token.Property(t => t.CreatedAt).HasColumnName("created_at");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.Property(t => t.UsedAt).HasColumnName("used_at");
            token.Property(t => t.VoidedAt).HasColumnName("voided_at");
            token.Property(t => t.NewEmail).HasColumnName("new_email").HasMaxLength(EmailRules.MaxLength);
            token.Property(t => t.Version).IsRowVersion();
            token.HasIndex(t => t.Hash).IsUnique().HasDatabaseName("ix_account_tokens_hash");
            token.HasIndex(t => new { t.UserId, t.Purpose }).HasDatabaseName("ix_account_tokens_user");
            token.HasOne<PlatformUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ServerKey>(key =>
        {
            key.ToTable("server_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.Use).HasColumnName("use").HasMaxLength(16);
            key.Property(k => k.PrivateKey).HasColumnName("private_key");
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.ActiveFrom).HasColumnName("active_from");
            key.HasIndex(k => new { k.Use, k.ActiveFrom }).HasDatabaseName("ix_server_keys_use_active_from");
        });

        modelBuilder.Entity<RateLimitCounter>(counter =>
        {
            counter.ToTable("rate_limit_counters");
            counter.HasKey(c => new { c.Key, c.WindowStart });
            counter.Property(c => c.Key).HasColumnName("key").HasMaxLength(200);
            counter.Property(c => c.WindowStart).HasColumnName("window_start");
            counter.Property(c => c.Count).HasColumnName("count");
            counter.HasIndex(c => c.WindowStart).HasDatabaseName("ix_rate_limit_counters_window");
        });

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        modelBuilder.Entity<AccessRevocation>(revocation =>
        {
            revocation.ToTable("access_revocations");
            revocation.HasKey(r => r.Id);
            revocation.Property(r => r.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            revocation.Property(r => r.UserId).HasColumnName("user_id");
            revocation.Property(r => r.RevokedAt).HasColumnName("revoked_at");
            revocation.HasIndex(r => r.RevokedAt).HasDatabaseName("ix_access_revocations_revoked_at");
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable();
    }
}
