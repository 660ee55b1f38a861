using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// At start, after the migration: the data protection key, the platform's roles, the OpenID
/// Connect clients and (in Development) the staff accounts, then a <c>StaffAccountChanged</c> for every
/// staff account, inside <see cref="StartupLock"/>, so replicas starting together seed one at a time
/// and the later ones find everything in place.
/// </summary>
public sealed class IdentitySeeder(IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<IdentitySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityDbContext>();

        // The first protect makes the data protection key: under the startup lock, so replicas share one.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(IdentitySeeder)).Protect([0]);
        await SeedRolesAsync(db, services.GetRequiredService<ILookupNormalizer>(), cancellationToken);
        await services.GetRequiredService<ClientSeeder>().SeedAsync(environment.IsDevelopment(), cancellationToken);
        if (environment.IsDevelopment())
            await SeedStaffAsync(services, cancellationToken);
        await AnnounceStaffAsync(services, db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task SeedRolesAsync(IdentityDbContext db, ILookupNormalizer normalizer, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing))
        {
            db.Roles.Add(new IdentityRole<Guid>
            {
                Id = Guid.CreateVersion7(),
                Name = role,
                NormalizedName = normalizer.NormalizeName(role),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // Every replica's start re-announces all staff, so a directory that missed a message (or was
    // wiped) converges; the messages are outbox rows, delivered once the bus is up.
    private async Task AnnounceStaffAsync(IServiceProvider services, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var count = await services.GetRequiredService<StaffAccountEvents>().PublishAllAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Announced {Count} staff accounts", count);
    }

    // Creates missing staff accounts only: a password changed since is never reset.
    private async Task SeedStaffAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IdentityDbContext>();
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var hasher = services.GetRequiredService<IPasswordHasher<PlatformUser>>();
        var policy = services.GetRequiredService<PasswordPolicy>();
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var staff in services.GetRequiredService<IOptions<IdentitySettings>>().Value.Staff)
        {
            var errors = new ValidationErrors();
            var email = EmailRules.Validate(staff.Email, "email", errors);
            policy.Validate(staff.Password, "password", errors, email);
            if (errors.Any || !Roles.Staff.Contains(staff.Role))
                throw new InvalidOperationException($"The staff account '{staff.Email}' in Identity:Staff is invalid: "
                    + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value).Append(Roles.Staff.Contains(staff.Role) ? "" : $"Role must be one of {string.Join(", ", Roles.Staff)}.")));

            var normalized = normalizer.NormalizeEmail(email);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
                continue;

            var user = new PlatformUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                NormalizedUserName = normalized,
                Email = email,
                NormalizedEmail = normalized,
                EmailConfirmed = true,
                DisplayName = staff.DisplayName,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = time.GetUtcNow(),
            };
            user.PasswordHash = hasher.HashPassword(user, staff.Password);
            var roleName = normalizer.NormalizeName(staff.Role);
            var roleId = await db.Roles.Where(r => r.NormalizedName == roleName).Select(r => r.Id).SingleAsync(cancellationToken);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded the {Role} account {Email}", staff.Role, email);
        }
    }
}
